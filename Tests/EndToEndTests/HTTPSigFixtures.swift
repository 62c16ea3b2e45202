import Foundation

/// The RFC 9421 vectors (the HTTPMessageSignatures tests' fixture) as files and standard input for `gnapterm httpsig`.
struct HTTPSigFixtures {
    private let root: [String: Any]
    /// Where key files and related requests are written.
    let directory: URL

    init() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HTTPMessageSignaturesTests/Fixtures/rfc9421-vectors.json")
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw E2EError("the vector file is not a JSON object")
        }
        self.root = root
        directory = try Binary.temporaryDirectory("httpsig")
    }

    func removeFiles() { try? FileManager.default.removeItem(at: directory) }

    /// A message as the RFC prints it: the head of its `display_text`, an empty line and its `body` (RFC 9421 §4.3
    /// prints the proxy's message with two empty lines before the body; the file's note says which body is meant).
    func message(_ name: String) throws -> String {
        guard let messages = root["messages"] as? [String: Any], let message = messages[name] as? [String: Any],
            let text = message["display_text"] as? String, let body = message["body"] as? String
        else { throw E2EError("no message \(name)") }
        guard let split = text.range(of: "\n\n") else { return text }
        return text[..<split.lowerBound] + "\n\n" + body
    }

    /// Every case of the file: one published signature each.
    var caseNames: [String] {
        (root["cases"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    func testCase(_ name: String) throws -> [String: Any] {
        guard let cases = root["cases"] as? [[String: Any]],
            let found = cases.first(where: { $0["name"] as? String == name })
        else { throw E2EError("no case \(name)") }
        return found
    }

    func string(_ testCase: [String: Any], _ key: String) throws -> String {
        guard let value = testCase[key] as? String else { throw E2EError("no \(key)") }
        return value
    }

    /// The test request with a B.2 case's signature appended as its last header lines.
    func signedTestRequest(_ caseName: String) throws -> String {
        let testCase = try testCase(caseName)
        guard try string(testCase, "message") == "test-request" else { throw E2EError("\(caseName) is not B.2") }
        return try signedMessage(caseName)
    }

    /// The case's signed message: B.2 prints its signatures apart from the test request and response, so they are
    /// appended as the last header lines; the other messages carry theirs.
    func signedMessage(_ caseName: String) throws -> String {
        let testCase = try testCase(caseName)
        let text = try message(try string(testCase, "message"))
        if text.contains("\nSignature-Input: ") { return text }
        let parts = text.components(separatedBy: "\n\n")
        return parts[0] + "\nSignature-Input: \(try string(testCase, "signature_input"))\nSignature: "
            + "\(try string(testCase, "signature"))\n\n" + parts.dropFirst().joined(separator: "\n\n")
    }

    /// Writes a key file: the JWK as JSON (the HMAC secret as an `oct` JWK), or a PEM member of the key.
    /// `withoutAlgorithm` drops the JWK's `alg`.
    func keyFile(_ keyID: String, pem: String? = nil, withoutAlgorithm: Bool = false) throws -> String {
        guard let keys = root["keys"] as? [String: Any], let key = keys[keyID] as? [String: Any] else {
            throw E2EError("no key \(keyID)")
        }
        let contents: Data
        if let pem {
            guard let text = key[pem] as? String else { throw E2EError("no \(pem) for \(keyID)") }
            contents = Data(text.utf8)
        } else if let secret = key["base64"] as? String, let bytes = Data(base64Encoded: secret) {
            let k = bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            contents = try JSONSerialization.data(withJSONObject: ["kty": "oct", "kid": keyID, "k": k])
        } else {
            var jwk = key["jwk"] as? [String: Any] ?? [:]
            // RFC 9635 prints its RSA key with alg RS256, but its signatures are rsa-pss-sha512 (the file's meta).
            if withoutAlgorithm { jwk["alg"] = nil }
            contents = try JSONSerialization.data(withJSONObject: jwk)
        }
        return try file("\(keyID)-\(pem ?? (withoutAlgorithm ? "jwk-no-alg" : "jwk"))", contents)
    }

    func file(_ name: String, _ contents: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }
}
