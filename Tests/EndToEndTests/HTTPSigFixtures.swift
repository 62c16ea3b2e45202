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

    /// A message's `display_text`.
    func message(_ name: String) throws -> String {
        guard let messages = root["messages"] as? [String: Any], let message = messages[name] as? [String: Any],
            let text = message["display_text"] as? String
        else { throw E2EError("no message \(name)") }
        return text
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
        let parts = try message("test-request").components(separatedBy: "\n\n")
        return parts[0] + "\nSignature-Input: \(try string(testCase, "signature_input"))\nSignature: "
            + "\(try string(testCase, "signature"))\n\n" + parts[1]
    }

    /// Writes a key file: the JWK as JSON (the HMAC secret as an `oct` JWK), or a PEM member of the key.
    func keyFile(_ keyID: String, pem: String? = nil) throws -> String {
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
            contents = try JSONSerialization.data(withJSONObject: key["jwk"] ?? [:])
        }
        return try file("\(keyID)-\(pem ?? "jwk")", contents)
    }

    func file(_ name: String, _ contents: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try contents.write(to: url)
        return url.path
    }
}
