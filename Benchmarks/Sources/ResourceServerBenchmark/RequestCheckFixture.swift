import Crypto
import Foundation
import GNAP
import GNAPResourceServer
import HTTPMessageSignatures
import HTTPTypes
import Synchronization

/// A GNAP resource server's check of one client request with the token's introspection already cached, next to the
/// bare Ed25519 verification of the same signature.
///
/// The request is `GET https://rs.example/notes` with `Authorization: GNAP <43-character token>`, `Accept` and
/// `User-Agent`, signed by the client's Ed25519 key under RFC 9635 §7.3.1 (`@method`, `@target-uri`,
/// `authorization`; `created`, `nonce`, `keyid`, `tag="gnap"`). Every checked request has its own nonce, as real
/// ones do, so the gate's replay cache records each one; requests are signed before the timed batch that checks
/// them.
final class RequestCheckFixture {
    static let token = "Zt3bHk0tq8m2yQ7cX1vLr9NwE4sPjA6uDfG5hKoBiCe"
    let clock = ManualClock(now: WallInstant(unixSeconds: 1_767_225_600))
    let clientKey: SigningKey
    let gate: ResourceServerGate
    let introspector: CountingIntrospector
    let requirement = AccessRequirement.access(
        type: "notes", actions: ["read"], locations: ["https://rs.example/notes"])
    /// The signature base and signature of one signed request, for the bare verification.
    let base: [UInt8]
    let signature: [UInt8]
    let publicKey: Curve25519.Signing.PublicKey
    private var nonceCounter = 0

    init() throws {
        // RFC 9421 Appendix B.1.4's `test-key-ed25519`, so instruction counts repeat from run to run.
        var key = try SigningKey(
            jwk: JWK(
                kty: "OKP", crv: "Ed25519", x: "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs",
                d: "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU"))
        key.keyID = try key.publicJWK().thumbprint()
        clientKey = key
        let answer = IntrospectedToken(
            access: [
                .object(
                    AccessRightObject(
                        type: "notes", actions: ["read", "write"], locations: ["https://rs.example/notes"],
                        datatypes: ["text"])),
                .reference("profile"),
            ],
            key: .value(ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK())),
            flags: [], exp: clock.now.unixSeconds + 86_400, iat: clock.now.unixSeconds, sub: "alice",
            iss: "https://as.example/gnap", instanceID: "device-1", label: "notes")
        introspector = CountingIntrospector(answer: answer)
        // Room for every nonce of a run in the replay cache, and a cache window longer than the run: the timed
        // path is the cached one.
        let configuration = ResourceServerConfiguration(
            asURI: "https://as.example/gnap", publicURL: "https://rs.example", revalidationInterval: .seconds(86_400),
            nonceCapacityPerKey: 4_000_000, nonceCapacity: 4_000_000)
        gate = try ResourceServerGate(configuration: configuration, introspector: introspector, clock: clock)

        let first = try Self.sign(key: key, nonce: "first", now: clock.now)
        let verified = SignatureProfile.gnap.verify(
            first, content: [], key: key.verificationKey, keyID: key.keyID, now: clock.now)
        guard case .success(let signed) = verified else { throw FixtureError("the signed request does not verify") }
        base = signed.base.bytes
        signature = signed.signature.signature
        publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: Base64URL.decode(key.publicJWK().x ?? "") ?? [])
        guard publicKey.isValidSignature(signature, for: base) else {
            throw FixtureError("the bare key rejects the library's signature")
        }
        // The token's introspection, as the first request would have brought it: everything measured is served
        // from the cache. (Priming synchronously keeps Swift concurrency out of the callgrind runs, which hang
        // under valgrind 3.19.)
        if case .failure(let refusal) = gate.remember(answer, for: .gnap(Self.token)) {
            throw FixtureError("the token is refused: \(refusal.error)")
        }
        guard case .success = gate.authorizeFromCache(first, content: [], requiring: requirement) else {
            throw FixtureError("the first request is refused")
        }
    }

    static func sign(key: SigningKey, nonce: String, now: WallInstant) throws -> HTTPRequest {
        var request = HTTPRequest(method: .get, url: URL(string: "https://rs.example/notes")!)
        request.headerFields[.accept] = "application/json"
        request.headerFields[.userAgent] = "gnapterm-call/1.0"
        request.headerFields[.authorization] = "GNAP \(token)"
        try SignatureProfile.gnap.sign(&request, content: [], key: key, now: now, nonce: nonce)
        return request
    }

    /// `count` freshly signed requests, each with a nonce never used before (22 characters, like
    /// `Secrets.identifier()`).
    func signedRequests(_ count: Int) throws -> [HTTPRequest] {
        try (0..<count).map { _ in
            nonceCounter += 1
            let nonce = String(repeating: "0", count: max(0, 22 - String(nonceCounter).count)) + String(nonceCounter)
            return try Self.sign(key: clientKey, nonce: nonce, now: clock.now)
        }
    }

    /// The signature profile's verification alone (no token lookup, no nonce, no rights), for the breakdown.
    func verifyOnly(_ request: HTTPRequest) -> Int {
        guard
            case .success = SignatureProfile.gnap.verify(
                request, content: [], key: clientKey.verificationKey, keyID: clientKey.keyID, now: clock.now)
        else { fatalError("profile verification failed") }
        return 1
    }

    func bareVerify() -> Int {
        guard publicKey.isValidSignature(signature, for: base) else { fatalError("bare verification failed") }
        return 1
    }
}

/// Answers every introspection with the same active token and counts the calls.
final class CountingIntrospector: TokenIntrospector {
    let answer: IntrospectedToken
    private let counter = Counter()

    init(answer: IntrospectedToken) { self.answer = answer }

    var calls: Int { counter.value }

    func introspect(_ query: IntrospectionQuery) async throws(IntrospectionFailure) -> TokenIntrospectionResponse {
        counter.increment()
        return .active(answer)
    }
}

final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
