import Foundation
import GNAP
import TerminalApps

/// A deterministic stream of audit events that keeps the number of pending grants about steady: a quarter of the
/// events create grants, a quarter enter codes, a fifth decide or expire grants, the rest are token noise.
struct SyntheticFeed {
    let start: WallInstant
    var pendingIDs: [String] = []
    var nextGrant = 0
    var nextEvent: Int64 = 1
    var random: SplitMix

    init(start: WallInstant, pending: Int, seed: UInt64) {
        self.start = start
        random = SplitMix(seed: seed)
        for _ in 0..<pending { pendingIDs.append(makeID()) }
    }

    private mutating func makeID() -> String {
        defer { nextGrant += 1 }
        return "grant-\(String(nextGrant, radix: 36))-\(String(random.next() % 1_000_000, radix: 36))"
    }

    static let clients = ["Photo Printer", "Lobby Kiosk", "CI runner", "Build bot", "Smart TV", "Badge reader"]
    static let rights = [["photo-api: read, write", "dolphin-metadata"], ["printer: print"], ["profile.read"]]

    func summary(id: String, index: Int, createdAt: WallInstant) -> GrantSummary {
        let json = """
            {"id":"\(id)","state":"pending","instance_id":"ci-\(index % 997)","client_name":"\(Self.clients[index % Self.clients.count])",\
            "client_vetted":\(index % 3 == 0),"created_at":"\(createdAt.iso8601)",\
            "interaction_expires_at":"\(createdAt.advanced(by: .seconds(600)).iso8601)",\
            "rights":\(Self.rights[index % Self.rights.count].map { "\"\($0)\"" }),"start_modes":["user_code"],\
            "code_entered":false}
            """
        return try! JSONDecoder().decode(GrantSummary.self, from: Data(json.utf8))
    }

    func snapshot() -> AdminSnapshot {
        let pending = pendingIDs.enumerated().map { index, id in
            summary(id: id, index: index, createdAt: start.advanced(by: .seconds(-Int64(index % 580))))
        }
        return AdminSnapshot(
            pending: pending, decided: [],
            counts: GrantCounts(byStatus: ["pending": pending.count], byOutcome: [:]))
    }

    mutating func events(count: Int, at now: WallInstant) -> [AuditEntryView] {
        (0..<count).map { _ in event(at: now) }
    }

    private mutating func event(at now: WallInstant) -> AuditEntryView {
        let roll = random.next() % 100
        let id = nextEvent
        nextEvent += 1
        let kind: String
        var grantID: String?
        var accountID: String?
        switch roll {
        case 0..<25:
            let new = makeID()
            pendingIDs.append(new)
            (kind, grantID) = ("grant.created", new)
        case 25..<50:
            (kind, grantID, accountID) = ("code.entered", randomPending(), "acct-\(random.next() % 40)")
        case 50..<75 where !pendingIDs.isEmpty:
            let index = Int(random.next() % UInt64(pendingIDs.count))
            pendingIDs.swapAt(index, pendingIDs.count - 1)
            grantID = pendingIDs.removeLast()
            kind = roll < 62 ? "grant.approved" : roll < 70 ? "grant.denied" : "grant.expired"
        default:
            (kind, grantID) = ("tokens.issued", nil)
        }
        return Self.entry(id: id, at: now, kind: kind, grantID: grantID, accountID: accountID)
    }

    private mutating func randomPending() -> String? {
        pendingIDs.isEmpty ? nil : pendingIDs[Int(random.next() % UInt64(pendingIDs.count))]
    }

    static func entry(id: Int64, at: WallInstant, kind: String, grantID: String?, accountID: String?)
        -> AuditEntryView
    {
        var object: [String: Any] = ["id": id, "at": at.iso8601, "kind": kind, "detail": "synthetic \(kind)"]
        object["grant_id"] = grantID
        object["account_id"] = accountID
        let data = try! JSONSerialization.data(withJSONObject: object)
        return try! JSONDecoder().decode(AuditEntryView.self, from: data)
    }

    /// The summaries the view would fetch for the batch's new grants (the "network" part, not timed).
    func summaries(for entries: [AuditEntryView]) -> [String: GrantSummary] {
        var result: [String: GrantSummary] = [:]
        for entry in entries where entry.kind == "grant.created" {
            guard let id = entry.grantID else { continue }
            result[id] = summary(id: id, index: Int(entry.id), createdAt: RFC3339Text.parse(entry.at) ?? start)
        }
        return result
    }
}

/// A tiny deterministic generator (SplitMix64), so every run feeds the same events.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The event times back to instants (only for building summaries).
enum RFC3339Text {
    static func parse(_ text: String) -> WallInstant? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text).map(WallInstant.init)
    }
}
