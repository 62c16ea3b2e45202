import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization

/// The demo's simulated headless device: requests photos, a dataset and calendar access plus the user's subject
/// identifiers, and polls in the background.
final class DemoDevice: Sendable {
    let base: String
    let transport: any HTTPTransport
    let clock: WallClock
    private let task = Mutex<Task<DeviceFlow<WallClock>.Outcome, any Error>?>(nil)

    init(base: String, transport: any HTTPTransport, clock: WallClock) {
        self.base = base
        self.transport = transport
        self.clock = clock
    }

    static let access: [AccessRight] = [
        .object(
            AccessRightObject(type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example"])),
        .reference("dolphin-metadata"),
        .object(AccessRightObject(type: "calendar", actions: ["read"], datatypes: ["events"])),
    ]

    /// Sends the grant request and returns the user code once the AS has issued it.
    func start() async throws -> String {
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        let flow = DeviceFlow(client: GrantClient(transport: transport, key: key, clock: clock), clock: clock)
        let request = try flow.grantRequest(
            access: [AccessTokenRequest(access: Self.access)],
            display: ClientDisplay(name: "Living-room TV", uri: "https://tv.example"),
            subject: SubjectRequest(subIDFormats: ["opaque"]))
        let (codes, codeContinuation) = AsyncStream.makeStream(of: String.self)
        let endpoint = base + "/gnap"
        let running = Task {
            try await flow.run(request, endpoint: endpoint) { event in
                if case .interaction(let interaction) = event, let code = interaction.userCode {
                    codeContinuation.yield(code)
                }
            }
        }
        task.withLock { $0 = running }
        var iterator = codes.makeAsyncIterator()
        guard let code = await iterator.next() else { throw CancellationError() }
        return code
    }

    /// Waits a little for the device's outcome, then describes it.
    func finish(waitingUpTo limit: Duration) async -> String {
        guard let running = task.withLock({ $0 }) else { return "The demo device never started." }
        let timeout = Task {
            try await Task.sleep(for: limit)
            running.cancel()
        }
        defer { timeout.cancel() }
        do {
            switch try await running.value {
            case .granted(let response):
                let rights = response.accessToken?.tokens.flatMap(\.access).map(\.summary) ?? []
                return "The demo device received an access token for: " + rights.joined(separator: "; ")
            case .denied:
                return "The demo device was told: user_denied. It got nothing."
            case .expired:
                return "The demo device's code expired."
            }
        } catch {
            return "No decision reached the demo device; it stopped waiting."
        }
    }
}
