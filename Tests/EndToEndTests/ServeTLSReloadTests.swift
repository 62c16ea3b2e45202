import ChildProcessTestSupport
import Foundation
import Testing

/// `serve --tls-cert --tls-key` reloads its certificate on SIGHUP: new connections get the new certificate, a
/// connection opened before keeps working, and a file that cannot be used keeps the old certificate in service.
/// Checked with curl and Python's `ssl`, trusting one openssl-made certificate at a time.
extension EndToEnd {
    @Suite("serve over TLS: reload on SIGHUP", .timeLimit(.minutes(2)))
    struct ServeTLSReloadTests {
        /// Keeps one TLS connection open: a request, then (once `go` exists) a second on the same socket.
        static let keptConnection = """
            import http.client, os, ssl, sys, time
            ca, port, go = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            connection = http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(cafile=ca))
            connection.request("GET", "/.well-known/gnap-as-rs")
            response = connection.getresponse()
            response.read()
            socket = connection.sock
            print("first", response.status, flush=True)
            while not os.path.exists(go):
                time.sleep(0.05)
            connection.request("GET", "/.well-known/gnap-as-rs")
            response = connection.getresponse()
            response.read()
            print("second", response.status, "same-connection" if connection.sock is socket else "reconnected", flush=True)
            """

        /// Whether curl reaches the AS trusting only `ca`.
        static func curlTrusts(_ ca: String, _ server: ASProcess) throws -> Bool {
            try ChildProcess.run([
                "curl", "-sS", "-o", "/dev/null", "--cacert", ca, server.url + "/.well-known/gnap-as-rs",
            ]).status == 0
        }

        static func hangUp(_ server: ASProcess) {
            kill(server.process.process.processIdentifier, SIGHUP)
        }

        /// Waits until `condition` holds (the reload is asynchronous), at most five seconds.
        static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
            let deadline = ContinuousClock.now.advanced(by: .seconds(5))
            while ContinuousClock.now < deadline {
                if try condition() { return true }
                try await Task.sleep(for: .milliseconds(100))
            }
            return false
        }

        @Test func aNewCertificateServesNewConnectionsAndOpenOnesStay() async throws {
            let first = try OpenSSLCertificate.selfSigned(commonName: "first")
            let second = try OpenSSLCertificate.selfSigned(commonName: "second")
            let served = try OpenSSLCertificate.selfSigned(commonName: "served")
            defer {
                for made in [first, second, served] { made.remove() }
            }
            try first.copy(over: served)
            let server = try await ASProcess.start(extraArguments: [
                "--tls-cert", served.certificatePath, "--tls-key", served.keyPath,
            ])
            defer { server.stop() }
            #expect(try Self.curlTrusts(first.certificatePath, server))
            #expect(try !Self.curlTrusts(second.certificatePath, server))

            let go = served.directory.appendingPathComponent("go").path
            let client = Process()
            client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            client.arguments = [
                "python3", "-c", Self.keptConnection, first.certificatePath,
                String(server.url.split(separator: ":").last ?? ""), go,
            ]
            let output = Pipe()
            client.standardOutput = output
            try client.run()
            defer { if client.isRunning { kill(client.processIdentifier, SIGKILL) } }
            // The connection is open and has answered once under the first certificate.
            var received = Data()
            while !String(decoding: received, as: UTF8.self).contains("\n") {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                received.append(chunk)
            }
            #expect(String(decoding: received, as: UTF8.self) == "first 200\n")

            // Renew in place, then SIGHUP.
            try second.copy(over: served)
            Self.hangUp(server)
            #expect(try await Self.eventually { try Self.curlTrusts(second.certificatePath, server) })
            #expect(try !Self.curlTrusts(first.certificatePath, server))

            // The connection opened under the first certificate still answers.
            _ = FileManager.default.createFile(atPath: go, contents: nil)
            client.waitUntilExit()
            received.append(output.fileHandleForReading.readDataToEndOfFile())
            #expect(String(decoding: received, as: UTF8.self) == "first 200\nsecond 200 same-connection\n")

            // A broken file: the second certificate stays in service.
            try "not a certificate".write(toFile: served.certificatePath, atomically: true, encoding: .utf8)
            Self.hangUp(server)
            #expect(try await Self.eventually { server.process.stderr.contains("TLS certificate reload failed") })
            #expect(try Self.curlTrusts(second.certificatePath, server))
        }
    }
}
