import HTTPMessageSignatures

/// The JSON object `hms_interop.py` reads (see its docstring): one request plus what to do with it.
struct InteropCase: Encodable, Sendable {
    /// Key material as the Python library takes it.
    enum Key: Encodable {
        case jwk(JWK)
        case pem(String)

        private enum CodingKeys: String, CodingKey {
            case jwk
            case pem
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .jwk(let jwk): try container.encode(jwk, forKey: .jwk)
            case .pem(let pem): try container.encode(pem, forKey: .pem)
            }
        }
    }

    var method: String
    var url: String
    var headers: [[String]]
    var bodyBase64: String?
    var algorithm: String
    var key: Key
    var keyid: String
    var label: String
    // verify
    var expectTag: String?
    var requiredComponents: [String]?
    var maxAge: Int?
    // sign
    var coveredComponents: [String]?
    var created: Int64?
    var nonce: String?
    var tag: String?
}

/// What `hms_interop.py verify` prints when the library accepts a signature.
struct PythonVerification: Decodable {
    var label: String
    var signatureBase: String
    var bodyVerified: Bool
}

/// What `hms_interop.py sign` prints: every field of the signed request, in order, and the base it signed.
struct PythonSignature: Decodable {
    var headers: [[String]]
    var signatureBase: String
}
