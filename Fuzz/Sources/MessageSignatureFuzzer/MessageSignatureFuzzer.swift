import FuzzSupport
import HTTPMessageSignatures
import HTTPSigTool

/// One HTTP/1.1 message (a response is answered for the request of RFC 9421 §2.4, for `;req`), through everything a
/// verifier and `gnapterm httpsig` do with it: signature bases of every signature, verification with the RFC's keys,
/// the tool's `base` and `verify` (Content-Digest check included), and sign-then-verify.
///
/// Invariants: nothing traps; every error describes itself without control characters; a base ends with its
/// `@signature-params` line; what `sign` signs, `verify` verifies (unless a Content-Digest does not match the body).
@main
enum MessageSignatureFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzMessageSignature(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzMessageSignature(_ bytes: [UInt8]) {
    guard let text = try? HTTPMessageText(parsing: bytes) else { return }
    let related = text.isRequest ? nil : MessageSignatureFuzz.relatedRequest
    guard let message = try? text.httpMessage(scheme: .https, relatedRequest: related) else { return }
    let signatures = (try? ReceivedSignature.all(in: message.headerFields)) ?? []
    for signature in signatures {
        MessageSignatureFuzz.checkBase(of: signature, in: message, input: bytes)
    }
    let policy = VerificationPolicy(requireCreated: false, maximumAge: nil, now: MessageSignatureFuzz.now)
    _ = MessageVerifier.verify(message, policy: policy) { signature in
        signature.parameters.keyID.flatMap { MessageSignatureFuzz.keys[$0] }
    }
    let relatedBytes = text.isRequest ? nil : MessageSignatureFuzz.relatedRequestText
    for signature in signatures {
        MessageSignatureFuzz.runTool(on: bytes, signature: signature, relatedRequest: relatedBytes)
    }
    MessageSignatureFuzz.signThenVerify(bytes, covering: signatures.first?.components, relatedRequest: relatedBytes)
}

enum MessageSignatureFuzz {
    /// Shortly after the RFC's examples were signed, before the proxy signature expires.
    static let now: Int64 = 1_618_884_500

    /// RFC 9421 §2.4's request, which the example responses answer.
    static let relatedRequestText = Array(
        """
        POST /foo?param=Value&Pet=dog HTTP/1.1
        Host: example.com
        Date: Tue, 20 Apr 2021 02:07:55 GMT
        Content-Digest: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
        Content-Type: application/json
        Content-Length: 18

        {"hello": "world"}
        """.utf8)
    static let relatedRequest = try! HTTPMessageText(parsing: relatedRequestText)

    static let keys: [String: VerificationKey] = TestKeys.verification.mapValues { key in
        try! KeyFile.verificationKey(key.text, algorithm: key.algorithm)
    }

    static func checkBase(of signature: ReceivedSignature, in message: HTTPMessage, input: [UInt8]) {
        do {
            let base = try SignatureBase(
                message: message, components: signature.components, parameters: signature.parameters)
            require(base.bytes == Array(base.text.utf8), "the base bytes are not its text for \(escaped(input))")
            let last = "\"@signature-params\": " + base.signatureParamsValue
            require(base.text.hasSuffix(last), "the base does not end with its parameters for \(escaped(input))")
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
        }
    }

    /// `gnapterm httpsig base` and `verify` with the key the signature names (or the Ed25519 key).
    static func runTool(on bytes: [UInt8], signature: ReceivedSignature, relatedRequest: [UInt8]?) {
        let named = signature.parameters.keyID.flatMap { TestKeys.verification[$0] }
        let key = named ?? TestKeys.verification["test-key-ed25519"]!
        do {
            _ = try HTTPSigTool.base(
                bytes, options: BaseOptions(label: signature.label, relatedRequest: relatedRequest))
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
        }
        do {
            let options = VerifyOptions(
                key: key.text, algorithm: key.algorithm, label: signature.label, relatedRequest: relatedRequest,
                now: now)
            let report = try HTTPSigTool.verify(bytes, options: options)
            require(report.hasPrefix("\(signature.label): verified\n"), "verify printed '\(report)'")
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
        }
    }

    /// Signs the message over the components of its first signature (or a few derived ones) and verifies the result.
    static func signThenVerify(_ bytes: [UInt8], covering components: [ComponentIdentifier]?, relatedRequest: [UInt8]?)
    {
        let covered = components?.map(\.serialized).joined(separator: " ") ?? "\"@method\" \"@authority\" \"@path\""
        // Covering a whole Signature or Signature-Input field cannot survive adding a signature to it.
        if let components,
            components.contains(where: { $0.name.hasPrefix("signature") && !$0.parameters.contains { $0.0 == "key" } })
        {
            return
        }
        let signed: [UInt8]
        do {
            signed = try HTTPSigTool.sign(
                bytes,
                options: SignOptions(
                    key: TestKeys.ed25519Private, algorithm: .ed25519, label: "fuzz", covered: covered,
                    parameters: ";created=\(now)", relatedRequest: relatedRequest, now: now))
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
            return
        }
        do {
            let report = try HTTPSigTool.verify(
                signed,
                options: VerifyOptions(
                    key: TestKeys.ed25519, algorithm: .ed25519, label: "fuzz", relatedRequest: relatedRequest, now: now)
            )
            require(report.hasPrefix("fuzz: verified\n"), "verify printed '\(report)'")
        } catch .contentDigest {
            // The message's own Content-Digest does not match its body: correctly refused.
        } catch {
            fatalError(
                "what sign signed does not verify: \(error)\ninput: \(escaped(bytes))\nsigned: \(escaped(signed))")
        }
    }
}
