import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Helpers for the bad-input tests: hostile messages, a verifier that knows the key, and a time bound.
enum Hostile {
    static let now: Int64 = 1_700_000_000
    static let key = SigningKey.generateEd25519(keyID: "k")

    /// A request to `https://example.com/foo?a=b` with these field lines.
    static func request(_ fields: [(String, String)] = []) throws -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "example.com", path: "/foo?a=b")
        request.headerFields = try Probe.httpFields(fields)
        return request
    }

    /// A request carrying exactly these `Signature-Input` and `Signature` values.
    static func request(input: String, signature: String, fields: [(String, String)] = []) throws -> HTTPRequest {
        try request(fields + [("Signature-Input", input), ("Signature", signature)])
    }

    /// The request signed by ``key`` over `components`.
    static func signed(
        _ request: HTTPRequest, components: [ComponentIdentifier], parameters: SignatureParameters? = nil
    ) throws -> HTTPRequest {
        var signed = request
        try MessageSigner.sign(
            &signed, components: components, parameters: parameters ?? SignatureParameters(created: now, keyID: "k"),
            key: key)
        return signed
    }

    /// Verification by an application that knows the key, with `limits`.
    static func verify(
        _ message: HTTPMessage, key: VerificationKey = key.verificationKey, limits: SignatureLimits = .standard
    ) -> VerificationResult {
        MessageVerifier.verify(message, policy: VerificationPolicy(now: now, limits: limits)) { _ in key }
    }

    /// The single failure reason of a result (nil if it verified or failed for several signatures).
    static func reason(_ result: VerificationResult) -> SignatureFailureReason? {
        guard case .failed(let failures) = result, failures.count == 1 else { return nil }
        return failures[0].reason
    }

    /// Runs `body` and records an issue when it takes longer than `limit`: hostile input must cost bounded time.
    /// The bound is loose (debug builds on a shared machine: 1.2 s was seen under a load of 20); without the
    /// library's limits these inputs take many seconds to minutes.
    static func bounded<T>(
        _ limit: Duration = .seconds(3), sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
    ) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        #expect(elapsed < limit, "took \(elapsed)", sourceLocation: sourceLocation)
        return result
    }
}
