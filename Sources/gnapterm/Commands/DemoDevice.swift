import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import Synchronization

/// The demo's simulated headless device: requests the demo resource server's notes (by the resource reference the
/// RS registered, RFC 9767 §3.4), photos, a dataset and calendar access plus the user's subject identifiers, polls
/// in the background, and once it holds a token calls the notes RS with it.
final class DemoDevice: Sendable {
    let base: String
    let transport: any HTTPTransport
    let clock: WallClock
    let key: SigningKey
    private let task = Mutex<Task<DeviceFlow<WallClock>.Outcome, any Error>?>(nil)

    init(base: String, transport: any HTTPTransport, clock: WallClock) throws {
        self.base = base
        self.transport = transport
        self.clock = clock
        var key = SigningKey.generateEd25519()
        key.keyID = try key.publicJWK().thumbprint()
        self.key = key
    }

    /// What the device asks for: the notes (a resource reference the AS expands into `read` and `write`), then
    /// rights no RS of the demo serves.
    static func access(notesReference: String) -> [AccessRight] {
        [
            .reference(notesReference),
            .object(
                AccessRightObject(type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example"])),
            .reference("dolphin-metadata"),
            .object(AccessRightObject(type: "calendar", actions: ["read"], datatypes: ["events"])),
        ]
    }

    /// Sends the grant request and returns the user code once the AS has issued it.
    func start(notesReference: String) async throws -> String {
        let flow = DeviceFlow(client: GrantClient(transport: transport, key: key, clock: clock), clock: clock)
        let request = try flow.grantRequest(
            access: [AccessTokenRequest(access: Self.access(notesReference: notesReference))],
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

    /// Waits a little for the device's outcome, describes it and, with a token, what the notes RS at `notes` (its
    /// base URL) answered to a write and a read.
    func finish(waitingUpTo limit: Duration, notes: String) async -> String {
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
                let received = "The demo device received an access token for: " + rights.joined(separator: "; ")
                guard let token = response.accessToken?.tokens.first?.value else { return received }
                return received + "\n" + (await callNotes(at: notes, token: token))
            case .denied:
                return "The demo device was told: user_denied. It got nothing."
            case .expired:
                return "The demo device's code expired."
            }
        } catch {
            return "No decision reached the demo device; it stopped waiting."
        }
    }

    /// The device writes a note and reads the notes with its token (signed with its key, RFC 9635 §7.2): what the
    /// approver withheld, the RS refuses.
    func callNotes(at notes: String, token: String) async -> String {
        let client = ResourceClient(transport: transport, clock: clock)
        var lines = ["The demo device called the notes resource server with its token:"]
        let calls: [(String, String, [UInt8])] = [
            ("POST", notes + "/notes", Array(#"{"text":"written by the demo device"}"#.utf8)),
            ("GET", notes + "/notes", []),
        ]
        for (method, url, content) in calls {
            do {
                let answer = try await client.call(method, url: url, content: content, token: token, key: key)
                let outcome =
                    answer.error.map { "\($0.code.rawValue): \($0.errorDescription ?? "")" }
                    ?? String(decoding: answer.body, as: UTF8.self)
                lines.append("  \(method) \(url) -> \(answer.status) \(outcome)")
            } catch {
                lines.append("  \(method) \(url) -> failed: \(error)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
