import ChildProcessTestSupport
import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import TerminalSession
import Testing

/// `gnapterm call --proof` (``ResourceCallCommand``) with each proofing method of RFC 9635 §7.3 against the AS and the
/// reference RS, both over TLS with one openssl-made certificate: the challenge, the device flow proven by that
/// method, the call with the token bound to it; then a second call that takes the method from the stored grant. For
/// mtls the RS is also asked without a client certificate and with another one (§7.3.2), and refuses both.
@Suite("gnapterm call --proof against the reference RS over TLS", .timeLimit(.minutes(3)))
struct CallProofMethodTests {
    typealias Output = CallCommandTests.Output

    static func command(
        _ stack: LiveStack, store: CallCommandTests.MemoryStore, proof: ProofChoice, method: String = "GET",
        data: String? = nil, requestsAccess: Bool = true, out: Output, err: Output
    ) -> ResourceCallCommand<ManualClock> {
        ResourceCallCommand(
            url: stack.notesURL, method: method, data: data, json: true, deviceDisplay: .json, displayName: "test call",
            startModes: ["user_code"], requestsAccess: requestsAccess, proof: proof, transport: stack.transport,
            tlsTransport: { AsyncHTTPTransport(tls: $0) }, keyStore: store, grantStore: store, clock: stack.clock,
            stdout: { out.append($0) }, stderr: { err.append($0) })
    }

    /// The status of the `response` line a `--json` call ended with.
    static func answerStatus(_ out: Output) -> Int? {
        guard let last = out.all.last,
            let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
            object["event"] as? String == "response"
        else { return nil }
        return object["status"] as? Int
    }

    @Test(arguments: ClientProofMethod.allCases)
    func eachMethodGetsATokenAndCallsWithIt(_ method: ClientProofMethod) async throws {
        let certificate = try OpenSSLCertificate.selfSigned()
        defer { certificate.remove() }
        let stack = try await LiveStack.start(tls: certificate)
        #expect(stack.notesURL.hasPrefix("https://127.0.0.1:"))
        let store = CallCommandTests.MemoryStore()
        let proof = ProofChoice(method: method, trustedCAFile: certificate.certificatePath)

        let out = Output()
        let err = Output()
        let running = Task { await Self.command(stack, store: store, proof: proof, out: out, err: err).run() }
        let code = try await CallCommandTests.userCode(in: out)
        let approver = try await stack.enrolledApprover()
        let review = try await approver.enterCode(try UserCode(parsing: code))
        _ = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: []))
        #expect(try await CallCommandTests.finish(running, stack: stack) == 0, "\(err.text.withLock { $0 })")
        #expect(Self.answerStatus(out) == 200)
        let grant = try #require(try await store.deviceGrant(name: "device"))
        #expect(grant.proof?.method == method)

        // The stored token, proven by the stored grant's method (no --proof); no new grant may be asked for, so a
        // refused proof would end in a 401 here.
        let writeOut = Output()
        let writeErr = Output()
        let write = await Self.command(
            stack, store: store, proof: ProofChoice(trustedCAFile: certificate.certificatePath), method: "POST",
            data: #"{"text":"proven by \#(method.rawValue)"}"#, requestsAccess: false, out: writeOut, err: writeErr
        ).run()
        #expect(write == 0, "\(writeOut.all) \(writeErr.text.withLock { $0 })")
        #expect(Self.answerStatus(writeOut).map { (200..<300).contains($0) } == true)

        // Another method than the stored token's is refused before anything is sent.
        let other: ClientProofMethod = method == .httpsig ? .jwsd : .httpsig
        let mismatchErr = Output()
        let mismatch = await Self.command(
            stack, store: store, proof: ProofChoice(method: other, trustedCAFile: certificate.certificatePath),
            requestsAccess: false, out: Output(), err: mismatchErr
        ).run()
        #expect(mismatch == 1)
        #expect(mismatchErr.text.withLock { $0 }.contains("the stored token is bound to \(method.rawValue) proofs"))

        if method == .mtls {
            try await Self.checkMTLSRefusals(stack, store: store, certificate: certificate)
        }
        await stack.stop()
    }

    /// The mtls-bound token over TLS: without a client certificate and with a certificate of another key the RS
    /// refuses it (401 `invalid_signature`); with the device's certificate it accepts it.
    static func checkMTLSRefusals(
        _ stack: LiveStack, store: CallCommandTests.MemoryStore, certificate: OpenSSLCertificate
    ) async throws {
        let token = try #require(try await store.deviceGrant(name: "device")?.accessToken?.tokens.first?.value)
        let deviceJWK = try #require(try await store.clientKey(name: "device"))
        var deviceKey = try SigningKey(jwk: deviceJWK)
        deviceKey.keyID = try deviceKey.publicJWK().thumbprint()
        let deviceCertificate = try DeviceCertificate(for: deviceKey)
        let other = try OpenSSLCertificate.selfSigned(commonName: "other", subjectAltNames: nil)
        defer { other.remove() }
        let (otherChain, otherKey) = try ClientTLS.pemFiles(certificate: other.certificatePath, key: other.keyPath)

        let settings: [(String, ClientTLS, Int)] = [
            ("no client certificate", try ClientTLS(trustedCAFile: certificate.certificatePath), 401),
            (
                "another certificate",
                try ClientTLS(
                    trustedCAFile: certificate.certificatePath, certificateChain: otherChain, privateKey: otherKey), 401
            ),
            (
                "the device's certificate",
                try ClientTLS(
                    trustedCAFile: certificate.certificatePath, certificateChain: [deviceCertificate.der],
                    privateKey: deviceCertificate.privateKeyDER), 200
            ),
        ]
        for (what, tls, expected) in settings {
            let client = ResourceClient(transport: AsyncHTTPTransport(tls: tls), clock: stack.clock)
            let answer = try await client.call(
                "GET", url: stack.notesURL, token: token, key: deviceKey, proof: .mtls)
            #expect(answer.status == expected, "\(what): \(String(decoding: answer.body, as: UTF8.self))")
            if expected == 401 { #expect(answer.error?.code == .invalidSignature, "\(what)") }
        }
    }
}
