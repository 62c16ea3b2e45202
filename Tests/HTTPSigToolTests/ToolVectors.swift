import Foundation
import HTTPMessageSignatures

/// The RFC 9421 vector file of the HTTPMessageSignatures tests, read as the tool's user would see it: messages as
/// HTTP/1.1 text and keys as the text of a key file.
struct ToolVectors: Sendable {
    struct Case: Sendable {
        var name: String
        var label: String
        var algorithm: SignatureAlgorithm
        var keyID: String
        var message: String
        var covered: [String]
        var paramsSerialized: String
        var signatureBase: String
        var signatureInput: String
        var signature: String
    }

    struct KeyTexts: Sendable {
        /// The JWK as JSON; the HMAC secret as an `oct` JWK.
        var jwk: String
        var publicPEM: String?
        var privatePEM: String?
    }

    let cases: [Case]
    /// Each message as the RFC prints it (LF line ends): the head of its `display_text`, an empty line, and its
    /// `body`. The two differ once: RFC 9421 §4.3 prints the proxy's message with two empty lines before the body,
    /// and the file's note says the body is the 18 bytes its Content-Digest is of.
    let messages: [String: String]
    let keys: [String: KeyTexts]

    static let shared: ToolVectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HTTPMessageSignaturesTests/Fixtures/rfc9421-vectors.json")
        // A missing or broken fixture is a broken checkout: fail loudly.
        let data = try! Data(contentsOf: url)
        return ToolVectors(root: try! JSONSerialization.jsonObject(with: data) as! [String: Any])
    }()

    private init(root: [String: Any]) {
        cases = (root["cases"] as! [[String: Any]]).map { entry in
            Case(
                name: entry["name"] as! String, label: entry["label"] as! String,
                algorithm: SignatureAlgorithm(rawValue: entry["alg"] as! String)!, keyID: entry["key_id"] as! String,
                message: entry["message"] as! String, covered: entry["covered"] as! [String],
                paramsSerialized: entry["params_serialized"] as! String,
                signatureBase: entry["signature_base"] as! String, signatureInput: entry["signature_input"] as! String,
                signature: entry["signature"] as! String)
        }
        messages = (root["messages"] as! [String: [String: Any]]).mapValues { message in
            let text = message["display_text"] as! String
            guard let split = text.range(of: "\n\n") else { return text }
            return text[..<split.lowerBound] + "\n\n" + (message["body"] as! String)
        }
        var keys: [String: KeyTexts] = [:]
        for (keyID, key) in root["keys"] as! [String: [String: Any]] {
            var jwk: [String: Any]
            if let secret = key["base64"] as? String {
                jwk = ["kty": "oct", "kid": keyID, "k": Base64URL.encode(Data(base64Encoded: secret)!)]
            } else if let published = key["jwk"] as? [String: Any] {
                jwk = published
            } else {
                continue
            }
            // GNAP's printed RSA key says RS256; the vector file notes its signatures are rsa-pss-sha512.
            if keyID == "gnap-rsa" { jwk["alg"] = nil }
            let json = try! JSONSerialization.data(withJSONObject: jwk, options: [.sortedKeys])
            keys[keyID] = KeyTexts(
                jwk: String(decoding: json, as: UTF8.self), publicPEM: key["public_pem"] as? String,
                privatePEM: key["private_pem"] as? String)
        }
        self.keys = keys
    }

    func testCase(_ name: String) -> Case { cases.first { $0.name == name }! }

    func messageText(_ name: String) -> String { messages[name]! }

    func messageBytes(_ name: String) -> [UInt8] { Array(messageText(name).utf8) }

    /// The case's message with its signature: the B.2 cases sign the unsigned test request, so their
    /// `Signature-Input` and `Signature` are added as the last header lines.
    func signedMessage(_ testCase: Case) -> [UInt8] {
        let text = messageText(testCase.message)
        if text.contains("\nSignature-Input: ") { return Array(text.utf8) }
        return Array(Self.withSignature(text, testCase).utf8)
    }

    static func withSignature(_ text: String, _ testCase: Case) -> String {
        let split = text.range(of: "\n\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        let body = split.map { String(text[$0.upperBound...]) } ?? ""
        return head + "\nSignature-Input: \(testCase.signatureInput)\nSignature: \(testCase.signature)\n\n" + body
    }

    func jwkText(_ keyID: String) -> String { keys[keyID]!.jwk }

    func publicPEM(_ keyID: String) -> String? { keys[keyID]?.publicPEM }

    func privatePEM(_ keyID: String) -> String? { keys[keyID]?.privatePEM }
}
