import GNAP
import Logging

/// What every handler shares: the store, the configuration, the clock and the public URL.
struct ASServices: Sendable {
    let store: any GrantStore
    let configuration: ServerConfiguration
    let clock: AnyWallClock
    let publicURL: PublicURL
    let replayCache: ReplayCache
    let logger: Logger

    var grantEndpoint: String { publicURL.base + "/gnap" }
    func continuationURI(grantID: String) -> String { publicURL.base + "/gnap/continue/" + grantID }
    var userCodePage: String { publicURL.base + "/device" }

    /// The keyed-hash pepper for user codes, created on first use and kept in the store.
    func userCodePepper() async throws -> [UInt8] {
        try await store.secret(named: "user-code-pepper") { Secrets.randomBytes() }
    }
}
