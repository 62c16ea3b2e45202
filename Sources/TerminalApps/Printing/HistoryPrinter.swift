import Foundation
import GNAP
import TerminalSession
import TerminalUI

/// `gnapterm history`: the local decision history as text lines or as JSON.
public enum HistoryPrinter {
    public static func text(_ decisions: [DecisionRecord], timeZone: TimeZone) -> String {
        guard !decisions.isEmpty else { return "No decisions yet.\n" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var output = ""
        for decision in decisions {
            let name = TextSanitizer.sanitize(decision.clientName)
            let kind = decision.decision.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            output += "\(formatter.string(from: decision.decidedAt.date))  \(kind)  \(name)\n"
            for right in decision.grantedRights { output += "    granted   \(TextSanitizer.sanitize(right))\n" }
            for right in decision.withheldRights { output += "    withheld  \(TextSanitizer.sanitize(right))\n" }
            if !decision.releasedSubject.isEmpty {
                output += "    released  \(decision.releasedSubject.joined(separator: ", "))\n"
            }
            if let reason = decision.reason { output += "    reason    \(TextSanitizer.sanitize(reason))\n" }
        }
        return output
    }

    public static func json(_ decisions: [DecisionRecord]) throws -> String {
        let encoder = GNAPJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(decisions.map(Entry.init)), as: UTF8.self) + "\n"
    }

    /// The JSON shape of one decision: snake_case names and RFC 3339 times, like the rest of gnapterm's JSON.
    struct Entry: Encodable {
        var id: String
        var decidedAt: String
        var server: String
        var grantID: String
        var clientName: String
        var clientURI: String?
        var keyThumbprint: String
        var decision: String
        var grantedRights: [String]
        var withheldRights: [String]
        var releasedSubject: [String]
        var reason: String?
        /// The rights as RFC 9635 access objects (absent for decisions recorded before they were kept).
        var grantedAccess: [AccessRight]?
        var withheldAccess: [AccessRight]?

        init(_ record: DecisionRecord) {
            id = record.id
            decidedAt = record.decidedAt.iso8601
            server = record.server
            grantID = record.grantID
            clientName = record.clientName
            clientURI = record.clientURI
            keyThumbprint = record.keyThumbprint
            decision = record.decision.rawValue
            grantedRights = record.grantedRights
            withheldRights = record.withheldRights
            releasedSubject = record.releasedSubject
            reason = record.reason
            grantedAccess = record.grantedAccess
            withheldAccess = record.withheldAccess
        }

        private enum CodingKeys: String, CodingKey {
            case id
            case decidedAt = "decided_at"
            case server
            case grantID = "grant_id"
            case clientName = "client_name"
            case clientURI = "client_uri"
            case keyThumbprint = "key_thumbprint"
            case decision
            case grantedRights = "granted_rights"
            case withheldRights = "withheld_rights"
            case releasedSubject = "released_subject"
            case reason
            case grantedAccess = "granted_access"
            case withheldAccess = "withheld_access"
        }
    }
}
