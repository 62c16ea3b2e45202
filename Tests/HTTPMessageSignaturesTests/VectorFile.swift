import Foundation
import HTTPMessageSignatures
import HTTPTypes

/// The RFC 9421 / RFC 9530 / RFC 9635 vector file (a copy of the project's shared vectors, see Fixtures/README.md).
struct VectorFile: Decodable, Sendable {
    struct Key: Decodable, Sendable {
        var jwk: JWK?
        var base64: String?
        var privatePem: String?
        var publicPem: String?
        var description: String?
        /// False for keys the RFCs define no material for (P-384).
        var present: Bool?
    }

    struct Message: Decodable, Sendable {
        var headers: [[String]]
        var body: String?
        var method: String?
        var requestTarget: String?
        var status: Int?
        var note: String?
        /// For the B.4 transformation examples: whether the B.4 signature must still verify.
        var expectValid: Bool?
    }

    /// A signature parameter value as printed in a case's `params`.
    enum ParameterValue: Decodable, Sendable, Hashable {
        case integer(Int64)
        case string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let integer = try? container.decode(Int64.self) {
                self = .integer(integer)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        /// The parameter as RFC 9651 serializes it after `;name=`.
        var serialized: String {
            switch self {
            case .integer(let value): String(value)
            case .string(let value): "\"\(value)\""
            }
        }
    }

    struct Case: Decodable, Sendable {
        var name: String
        var label: String
        var alg: String
        var keyId: String
        var targetMessageType: String
        var message: String
        var covered: [String]
        var params: [String: ParameterValue]
        var paramsSerialized: String
        var signatureParamsValue: String
        var signatureBase: String
        var signatureInput: String
        var signature: String
        var signatureB64: String
        var deterministic: Bool
        var verifiableWithPublishedKey: Bool
        var notes: String?
    }

    struct UnverifiableExample: Decodable, Sendable {
        var section: String
        var label: String
        var keyId: String
        var notes: String
    }

    struct ComponentValueExample: Decodable, Sendable {
        var section: String
        var message: String
        var expectedBaseLines: [String]
        var note: String?
    }

    struct SerializationExample: Decodable, Sendable {
        var section: String
        var what: String
        var value: String
    }

    struct DigestExample: Decodable, Sendable {
        var source: String
        var field: String
        var alg: String
        var value: String
        var fieldValue: String
        var bodyHex: String
        var bodyDescription: String
        var reproducedHere: Bool
        var note: String?
    }

    var keys: [String: Key]
    var messages: [String: Message]
    var cases: [Case]
    var unverifiableExamples: [UnverifiableExample]
    var componentValueExamples: [ComponentValueExample]
    var serializationExamples: [SerializationExample]
    var contentDigest: [DigestExample]

    static func load() throws -> VectorFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/rfc9421-vectors.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(VectorFile.self, from: Data(contentsOf: url))
    }

    func testCase(_ name: String) throws -> Case {
        guard let found = cases.first(where: { $0.name == name }) else { throw VectorError.missing(name) }
        return found
    }

    /// The vector's request as an `HTTPRequest`; the scheme is https (the RFC examples are served over TLS).
    func request(_ name: String) throws -> HTTPRequest {
        guard let message = messages[name], let method = message.method, let target = message.requestTarget else {
            throw VectorError.missing(name)
        }
        let host = message.headers.first { $0[0].lowercased() == "host" }?[1]
        var request = HTTPRequest(
            method: HTTPRequest.Method(method)!, scheme: "https", authority: host, path: target)
        for header in message.headers where header[0].lowercased() != "host" {
            request.headerFields.append(HTTPField(name: HTTPField.Name(header[0])!, value: header[1]))
        }
        return request
    }

    func signingKey(for testCase: Case) throws -> SigningKey {
        let algorithm = SignatureAlgorithm(rawValue: testCase.alg)
        if let secret = keys[testCase.keyId]?.base64 {
            let bytes = [UInt8](Data(base64Encoded: secret)!)
            return try SigningKey(jwk: JWK(kty: "oct", k: Base64URL.encode(bytes)), algorithm: algorithm)
        }
        guard var jwk = keys[testCase.keyId]?.jwk else { throw VectorError.missing(testCase.keyId) }
        // Erratum noted in the vector file: GNAP's printed key says RS256, its signatures are rsa-pss-sha512.
        if testCase.keyId == "gnap-rsa" { jwk.alg = nil }
        return try SigningKey(jwk: jwk, algorithm: algorithm)
    }
}

enum VectorError: Error {
    case missing(String)
}

extension Array where Element == UInt8 {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }
}
