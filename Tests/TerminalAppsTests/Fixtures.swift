import Foundation
import GNAP
import GNAPClient
import Synchronization
import TerminalApps
import TerminalSession

/// Canned reviews, records and times for the tests. Times are fixed: "now" is 2026-01-01 09:00:00 UTC.
enum Fixtures {
    static let utc = TimeZone(identifier: "UTC")!
    static let now = WallInstant(unixSeconds: 1_767_258_000)
    static let identity = "alice @ http://127.0.0.1:8080"

    static func client(name: String?, uri: String?, vetted: Bool) -> ClientReview {
        ClientReview(
            instanceID: "ci-7f3a", display: name == nil && uri == nil ? nil : ClientDisplay(name: name, uri: uri),
            vetted: vetted, keyThumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", proofMethod: "httpsig",
            algorithm: "ed25519")
    }

    static let photoRights: [RightReview] = [
        RightReview(
            id: "0.0",
            right: .object(
                AccessRightObject(
                    type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example/albums"],
                    datatypes: ["metadata", "images"])),
            description: "Photos stored in your library"),
        RightReview(
            id: "0.1", right: .reference("dolphin-metadata"), description: "Metadata of the dolphin research dataset"),
        RightReview(id: "0.2", right: .reference("profile.write"), description: nil),
        RightReview(
            id: "0.3",
            right: .object(
                AccessRightObject(
                    type: "printer", identifier: "lobby-2", privileges: ["admin"],
                    additional: ["quota": .object(["pages": .number(50)])])),
            description: "Printers you may use"),
    ]

    /// A self-asserted (not vetted) client asking for four rights and two subject formats.
    static let photoPrinter = InteractionReview(
        grantID: "g-4711", status: .pending,
        client: client(name: "Photo Printer", uri: "https://printer.example/setup", vetted: false),
        tokens: [TokenReview(label: nil, flags: [], rights: photoRights)],
        subject: SubjectReview(subIDFormats: ["opaque", "email"], assertionFormats: []),
        requestedAt: now.advanced(by: .seconds(-20)), requestedFrom: "192.0.2.7",
        expiresAt: now.advanced(by: .seconds(581)))

    /// A client the AS vouches for, with one right.
    static let calendarSync = InteractionReview(
        grantID: "g-1200", status: .pending,
        client: client(name: "Calendar Sync", uri: "https://calendar.example", vetted: true),
        tokens: [
            TokenReview(
                label: nil, flags: [],
                rights: [
                    RightReview(
                        id: "0.0", right: .object(AccessRightObject(type: "calendar", actions: ["read"])),
                        description: "Your calendar and its events")
                ])
        ],
        subject: nil, requestedAt: now.advanced(by: .seconds(-5)), requestedFrom: "198.51.100.20",
        expiresAt: now.advanced(by: .seconds(45)))

    /// A client whose name and URI carry terminal escape sequences and a bidi override.
    static let hostile = InteractionReview(
        grantID: "g-666", status: .pending,
        client: client(
            name: "\u{1B}[2J\u{1B}]0;pwned\u{07}Totally Legit Bank\u{1B}[0m",
            uri: "https://bank.example\u{202E}moc.live", vetted: false),
        tokens: [
            TokenReview(
                label: "payments", flags: ["bearer"],
                rights: [
                    RightReview(
                        id: "0.0", right: .object(AccessRightObject(type: "pay\u{1B}[31mments", actions: ["send"])),
                        description: nil)
                ])
        ],
        subject: SubjectReview(subIDFormats: ["email"], assertionFormats: ["id_token"]),
        requestedAt: now.advanced(by: .seconds(-3)), requestedFrom: nil, expiresAt: now.advanced(by: .seconds(600)))

    /// A client with a CJK name (double-width characters).
    static let cjk = InteractionReview(
        grantID: "g-88", status: .pending,
        client: client(name: "写真プリンター 東京", uri: "https://shashin.example.jp", vetted: false),
        tokens: [
            TokenReview(
                label: nil, flags: [],
                rights: [
                    RightReview(
                        id: "0.0", right: .object(AccessRightObject(type: "photo-api", actions: ["read"])),
                        description: "Photos stored in your library")
                ])
        ],
        subject: nil, requestedAt: now.advanced(by: .seconds(-30)), requestedFrom: "203.0.113.9",
        expiresAt: now.advanced(by: .seconds(300)))

    static let records: [DecisionRecord] = [
        DecisionRecord(
            approving: photoPrinter, with: ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: ["opaque"]),
            id: "d-2", decidedAt: now.advanced(by: .seconds(-3600)), server: "http://127.0.0.1:8080"),
        DecisionRecord(
            denying: calendarSync, reason: "The device is not mine", id: "d-1",
            decidedAt: now.advanced(by: .seconds(-86400)), server: "http://127.0.0.1:8080"),
    ]
}

extension Fixtures {
    static let grants: [ActiveGrant] = [
        ActiveGrant(
            id: "grant-7Q2", clientName: "Photo Printer", clientVetted: false,
            decidedAt: WallInstant(unixSeconds: 1_767_254_400), state: "finalized"),
        ActiveGrant(
            id: "grant-K9Z", clientName: "Calendar Sync", clientVetted: true,
            decidedAt: WallInstant(unixSeconds: 1_767_168_000), state: "approved"),
    ]

    static let keys: [DeviceKeyInfo] = [
        DeviceKeyInfo(
            origin: .thisTerminal, server: "http://127.0.0.1:8080", deviceID: "dev-4F7A",
            thumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
            enrolledAt: WallInstant(unixSeconds: 1_767_000_000),
            isSealed: true)
    ]
}

/// A backend with canned answers that records every call.
final class FakeBackend: ApproverBackend {
    enum Call: Equatable, Sendable {
        case enterCode(String)
        case openInteraction(String)
        case approve(grantID: String, ApprovalRequest)
        case deny(grantID: String, reason: String)
        case history(limit: Int)
        case searchHistory(String)
        case activeGrants
        case revokeGrant(String, reason: String)
        case deviceKeys
        case rotateDeviceKey
        case openInboxRequest(String)
    }

    let identityDescription = Fixtures.identity
    /// Reviews by normalized code.
    let reviews: [String: InteractionReview]
    /// Failures by normalized code.
    let codeFailures: [String: ApproverFailure]
    /// The failure of approve and deny, if any.
    let decisionFailure: ApproverFailure?
    let records: [DecisionRecord]
    /// Reviews by interaction URL or application URI.
    let interactions: [String: InteractionReview]
    /// What approve and deny report about the client's finish method.
    let decisionFinish: FinishNotice?
    /// The active grants at the AS (nil: the AS does not offer the list).
    let grants: [ActiveGrant]?
    let keys: [DeviceKeyInfo]
    /// The answer to a key rotation (nil: the AS does not offer it).
    let rotatedKey: DeviceKeyInfo?
    /// The inbox at the AS (nil: the AS does not offer one); its requests open to `inboxReviews`.
    let inboxSnapshot: InboxSnapshot?
    let inboxReviews: [String: InteractionReview]
    /// What the inbox stream brings, batch by batch, after the snapshot; then nothing until it is closed.
    let inboxBatches: [[InboxStreamEvent]]
    private let log = Mutex<[Call]>([])

    init(
        reviews: [String: InteractionReview] = ["ABCDEFGH": Fixtures.photoPrinter],
        codeFailures: [String: ApproverFailure] = [:],
        decisionFailure: ApproverFailure? = nil,
        records: [DecisionRecord] = Fixtures.records,
        interactions: [String: InteractionReview] = [:],
        decisionFinish: FinishNotice? = nil,
        grants: [ActiveGrant]? = Fixtures.grants,
        keys: [DeviceKeyInfo] = Fixtures.keys,
        rotatedKey: DeviceKeyInfo? = nil,
        inboxSnapshot: InboxSnapshot? = nil,
        inboxReviews: [String: InteractionReview] = [:],
        inboxBatches: [[InboxStreamEvent]] = []
    ) {
        self.inboxBatches = inboxBatches
        self.inboxSnapshot = inboxSnapshot
        self.inboxReviews = inboxReviews
        self.grants = grants
        self.keys = keys
        self.rotatedKey = rotatedKey
        self.interactions = interactions
        self.decisionFinish = decisionFinish
        self.reviews = reviews
        self.codeFailures = codeFailures
        self.decisionFailure = decisionFailure
        self.records = records
    }

    var calls: [Call] { log.withLock { $0 } }

    func record(_ call: Call) { log.withLock { $0.append(call) } }

    func enterCode(_ code: UserCode) async throws(ApproverFailure) -> InteractionReview {
        log.withLock { $0.append(.enterCode(code.normalized)) }
        if let failure = codeFailures[code.normalized] { throw failure }
        guard let review = reviews[code.normalized] else {
            throw ApproverFailure(code: "unknown_user_code", message: "unknown user code")
        }
        return review
    }

    func openInteraction(_ interaction: String) async throws(ApproverFailure) -> InteractionReview {
        log.withLock { $0.append(.openInteraction(interaction)) }
        guard let review = interactions[interaction] else {
            throw ApproverFailure(code: "unknown_interaction_url", message: "no request has this interaction URL")
        }
        return review
    }

    func approve(_ review: InteractionReview, request: ApprovalRequest) async throws(ApproverFailure)
        -> DecisionResponse
    {
        log.withLock { $0.append(.approve(grantID: review.grantID, request)) }
        if let decisionFailure { throw decisionFailure }
        return DecisionResponse(grantID: review.grantID, status: .approved, finish: decisionFinish)
    }

    func deny(_ review: InteractionReview, reason: String) async throws(ApproverFailure) -> DecisionResponse {
        log.withLock { $0.append(.deny(grantID: review.grantID, reason: reason)) }
        if let decisionFailure { throw decisionFailure }
        return DecisionResponse(grantID: review.grantID, status: .denied, finish: decisionFinish)
    }

    func history(limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        log.withLock { $0.append(.history(limit: limit)) }
        return Array(records.prefix(limit))
    }

    func searchHistory(_ query: String, limit: Int) async throws(ApproverFailure) -> [DecisionRecord] {
        log.withLock { $0.append(.searchHistory(query)) }
        let words = query.lowercased().split(separator: " ")
        return records.filter { record in
            let text = ([record.clientName, record.decision.rawValue] + record.grantedRights).joined(separator: " ")
                .lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    func activeGrants() async throws(ApproverFailure) -> [ActiveGrant] {
        log.withLock { $0.append(.activeGrants) }
        guard let grants else { throw .notOffered("a list of your active grants") }
        return grants
    }

    func revokeGrant(_ grantID: String, reason: String) async throws(ApproverFailure) {
        log.withLock { $0.append(.revokeGrant(grantID, reason: reason)) }
        guard grants != nil else { throw .notOffered("revoking grants from the approver") }
    }

    func deviceKeys() async throws(ApproverFailure) -> [DeviceKeyInfo] {
        log.withLock { $0.append(.deviceKeys) }
        return keys
    }

    func rotateDeviceKey() async throws(ApproverFailure) -> DeviceKeyInfo {
        log.withLock { $0.append(.rotateDeviceKey) }
        guard let rotatedKey else { throw .notOffered("device key rotation") }
        return rotatedKey
    }
}
