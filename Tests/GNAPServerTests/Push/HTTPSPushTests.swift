import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPStorage
import Logging
import Testing

@testable import GNAPServer

/// `push` finishes (RFC 9635 §4.2.2) over https to a local TLS listener (Python's `ssl` with an openssl-made
/// certificate, no code of ours): the callback's certificate is verified against the trusted CA, an untrusted one is
/// refused, and a failing listener is tried again with backoff.
@Suite("https pushes to a local TLS listener", .serialized)
struct HTTPSPushTests {
    /// An https listener in a child Python process: answers each POST with the next status of `statuses` (the last
    /// one repeats) and writes each request's path and body to its output file, one JSON line per request.
    final class TLSListener: Sendable {
        let process: Process
        let port: Int
        let received: URL

        static let script = """
            import http.server, json, ssl, sys
            cert, key, out, statuses = sys.argv[1], sys.argv[2], sys.argv[3], [int(s) for s in sys.argv[4].split(",")]
            count = [0]
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    with open(out, "a") as file:
                        file.write(json.dumps({"path": self.path, "body": body.decode()}) + "\\n")
                    status = statuses[min(count[0], len(statuses) - 1)]
                    count[0] += 1
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """

        init(certificate: OpenSSLCertificate, statuses: [Int]) throws {
            received = certificate.directory.appendingPathComponent("received-\(UUID().uuidString).jsonl")
            _ = FileManager.default.createFile(atPath: received.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "python3", "-c", Self.script, certificate.certificatePath, certificate.keyPath, received.path,
                statuses.map(String.init).joined(separator: ","),
            ]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            self.process = process
            // The first line is the port the listener bound.
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                line.append(chunk)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else {
                kill(process.processIdentifier, SIGKILL)
                throw ListenerFailure()
            }
            self.port = port
        }

        /// The bodies received so far.
        var bodies: [String] {
            (try? String(contentsOf: received, encoding: .utf8))?.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])?["body"]
            } ?? []
        }

        /// SIGKILL: the child inherits the test process's blocked signals, so SIGTERM would wait forever.
        func stop() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    struct ListenerFailure: Error, CustomStringConvertible {
        var description: String { "the Python TLS listener did not start" }
    }

    static let body = Array(#"{"hash":"x","interact_ref":"y"}"#.utf8)

    @Test func aPushGoesOverHTTPSCheckedAgainstTheTrustedCA() async throws {
        let certificate = try OpenSSLCertificate.selfSigned()
        defer { certificate.remove() }
        let listener = try TLSListener(certificate: certificate, statuses: [200])
        defer { listener.stop() }
        let transport = try AsyncHTTPFinishPushTransport(trustedCAFile: certificate.certificatePath)
        // The certificate names localhost and 127.0.0.1; both are checked as host names.
        for host in ["localhost", "127.0.0.1"] {
            let status = try await transport.post(
                Self.body, to: "https://\(host):\(listener.port)/finish", timeout: .seconds(5))
            #expect(status == 200)
        }
        #expect(listener.bodies == Array(repeating: String(decoding: Self.body, as: UTF8.self), count: 2))
    }

    @Test func anUntrustedOrMisnamedCertificateIsRefusedUnsent() async throws {
        let certificate = try OpenSSLCertificate.selfSigned()
        let other = try OpenSSLCertificate.selfSigned(commonName: "elsewhere", subjectAltNames: "DNS:elsewhere")
        defer {
            certificate.remove()
            other.remove()
        }
        let listener = try TLSListener(certificate: certificate, statuses: [200])
        defer { listener.stop() }
        // The system's trust roots do not know the listener's certificate.
        await #expect(throws: (any Error).self) {
            _ = try await AsyncHTTPFinishPushTransport().post(
                Self.body, to: "https://127.0.0.1:\(listener.port)/finish", timeout: .seconds(5))
        }
        // A trusted CA, but the listener's certificate is not one of it.
        let trustingOther = try AsyncHTTPFinishPushTransport(trustedCAFile: other.certificatePath)
        await #expect(throws: (any Error).self) {
            _ = try await trustingOther.post(
                Self.body, to: "https://127.0.0.1:\(listener.port)/finish", timeout: .seconds(5))
        }
        #expect(listener.bodies.isEmpty)
    }

    @Test func aFailingListenerIsTriedAgainWithBackoff() async throws {
        let certificate = try OpenSSLCertificate.selfSigned()
        defer { certificate.remove() }
        let listener = try TLSListener(certificate: certificate, statuses: [503, 503, 200])
        defer { listener.stop() }
        let store = try ASDatabase.inMemory()
        let settings = FinishPushSettings(
            approverWait: .seconds(10), attempts: 3, retryDelay: .milliseconds(100))
        let delivery = FinishPushDelivery(
            transport: try AsyncHTTPFinishPushTransport(trustedCAFile: certificate.certificatePath),
            settings: settings, administration: store, clock: AnyWallClock(WallClock()),
            logger: Logger(label: "test"))
        let started = ContinuousClock.now
        let outcome = await delivery.deliver(
            grantID: "grant-1", to: "https://127.0.0.1:\(listener.port)/finish",
            callback: InteractionFinishCallback(hash: "x", interactRef: "y"))
        #expect(outcome == .delivered)
        #expect(listener.bodies.count == 3)
        // A 4xx answer is final: one attempt only.
        let refusing = try TLSListener(certificate: certificate, statuses: [404])
        defer { refusing.stop() }
        let refused = await delivery.deliver(
            grantID: "grant-2", to: "https://127.0.0.1:\(refusing.port)/finish",
            callback: InteractionFinishCallback(hash: "x", interactRef: "y"))
        #expect(refused == .failed)
        #expect(refusing.bodies.count == 1)
        // 100 ms, then 200 ms between the attempts.
        #expect(ContinuousClock.now - started >= .milliseconds(300))
    }
}
