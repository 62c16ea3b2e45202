import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The client instances that send grant requests: one fresh Ed25519 key each (`kid` `load-client-NN`), presented by
/// value in every request, so the AS sees each key as one dynamic client instance (RFC 9635 §2.3).
struct ClientFleet: Sendable {
    struct Client: Sendable {
        let key: SigningKey
        /// The grant request this client sends (the same bytes each time; the signature differs by nonce/time).
        let grantBody: [UInt8]
    }

    let clients: [Client]

    init(count: Int) throws {
        clients = try (0..<count).map { index in
            let key = SigningKey.generateEd25519(keyID: "load-client-" + Self.twoDigits(index))
            return Client(key: key, grantBody: try GrantRequestBody.bytes(jwk: key.publicJWK(), index: index))
        }
    }

    /// Request `index` goes to client `index % count`, so every client sends about as many.
    func client(for index: Int) -> Client { clients[index % clients.count] }

    /// A signed `POST /gnap` by the client for `index`.
    func grantRequest(_ index: Int, authority: String, created: WallInstant, nonce: String?) throws
        -> RequestSigner.Signed
    {
        let client = client(for: index)
        return try RequestSigner.sign(
            method: .post, path: "/gnap", authority: authority, body: client.grantBody, key: client.key,
            profile: .gnap, created: created, nonce: nonce)
    }

    static func twoDigits(_ index: Int) -> String { index < 10 ? "0\(index)" : "\(index)" }
}

/// The grant request body of the issue's measurement: 436 bytes of compact JSON with one access right, the client's
/// key by value and display, and the `user_code` start mode (RFC 9635 §2, §2.3, §2.5).
enum GrantRequestBody {
    static let length = 436

    static func bytes(jwk: JWK, index: Int) throws -> [UInt8] {
        guard let x = jwk.x, let kid = jwk.kid else { throw BenchmarkFailure("the client JWK has no x or kid") }
        let number = ClientFleet.twoDigits(index)
        let text =
            #"{"access_token":{"access":[{"type":"photo-api","actions":["read","write"],"#
            + #""locations":["https://photos.example/library"],"datatypes":["metadata","images"]}],"#
            + #""label":"photo-1"},"client":{"key":{"proof":"httpsig","jwk":{"kty":"OKP","crv":"Ed25519","#
            + #""kid":"\#(kid)","x":"\#(x)"}},"display":{"name":"Kitchen display \#(number)","#
            + #""uri":"https://device.example/kitchen"}},"interact":{"start":["user_code"]}}"#
        let bytes = Array(text.utf8)
        guard bytes.count == length else {
            throw BenchmarkFailure("the grant request body is \(bytes.count) bytes, not \(length)")
        }
        return bytes
    }
}
