import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import HTTPTypes
import Synchronization

/// Where the RS gets the AS's public keys to check `jwt-signed` tokens offline (RFC 9767 §2.2, §5.2).
public protocol VerificationKeySource: Sendable {
    /// The AS's keys. `refresh` asks for a new copy because a token named a key the current copy lacks (the AS
    /// may have rotated); a source may answer from its cache when it fetched recently.
    func keys(refresh: Bool) async throws(IntrospectionFailure) -> [JWK]
}

/// Keys given once, e.g. by configuration or a test.
public struct FixedVerificationKeys: VerificationKeySource {
    public let jwks: [JWK]
    public init(_ jwks: [JWK]) { self.jwks = jwks }
    public func keys(refresh: Bool) async throws(IntrospectionFailure) -> [JWK] { jwks }
}

/// The AS's JWK Set (RFC 7517 §5) fetched from its `jwks_uri`, cached, and fetched again at most once per
/// `minimumRefreshInterval` when a token names an unknown key, so forged `kid`s cannot make the RS hammer the AS.
public final class RemoteJWKSetSource: VerificationKeySource {
    public let url: String
    let transport: any HTTPTransport
    let clock: AnyWallClock
    let minimumRefreshInterval: Duration
    private let cache = Mutex<(keys: [JWK], fetchedAt: WallInstant)?>(nil)

    /// - Parameters:
    ///   - url: the AS's JWK Set (its discovery document's `jwks_uri`).
    ///   - transport: default ``AsyncHTTPTransport`` with its defaults.
    ///   - minimumRefreshInterval: default 60 seconds.
    public init<C: Clock & Sendable>(
        url: String, transport: any HTTPTransport = AsyncHTTPTransport(), clock: C,
        minimumRefreshInterval: Duration = .seconds(60)
    ) where C.Instant == WallInstant {
        self.url = url
        self.transport = transport
        self.clock = AnyWallClock(clock)
        self.minimumRefreshInterval = minimumRefreshInterval
    }

    public func keys(refresh: Bool) async throws(IntrospectionFailure) -> [JWK] {
        let now = clock.now
        if let cached = cache.withLock({ $0 }) {
            let recent = cached.fetchedAt.duration(to: now) < minimumRefreshInterval
            if !refresh || recent { return cached.keys }
        }
        let keys = try await fetch()
        cache.withLock { $0 = (keys, now) }
        return keys
    }

    private func fetch() async throws(IntrospectionFailure) -> [JWK] {
        guard let parsed = URL(string: url), parsed.host != nil else {
            throw .malformedResponse("the JWK Set URL '\(url)' is not absolute")
        }
        var request = HTTPRequest(method: .get, url: parsed)
        request.headerFields[.accept] = "application/json"
        let response: HTTPResponse
        let body: [UInt8]
        do {
            (response, body) = try await transport.send(request, body: [])
        } catch {
            throw .exchange(error)
        }
        guard response.status == .ok else { throw .malformedResponse("the JWK Set answered \(response.status.code)") }
        do {
            return try GNAPJSON.decode(JWKSet.self, from: body).keys
        } catch {
            throw .malformedResponse("the JWK Set is not a JSON Web Key Set")
        }
    }
}
