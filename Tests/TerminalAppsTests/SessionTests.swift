import Foundation
import GNAP
import TerminalApps
import TerminalSession
import Testing

@Suite("Session helpers")
struct SessionTests {
    @Test func homeDirectoryPrecedence() {
        let env = ["HOME": "/home/ada", "XDG_DATA_HOME": "/data", "GNAPTERM_HOME": "/gt"]
        #expect(LocalPaths.home(override: "/x", environment: env).path == "/x")
        #expect(LocalPaths.home(override: nil, environment: env).path == "/gt")
        #expect(
            LocalPaths.home(override: nil, environment: ["HOME": "/home/ada", "XDG_DATA_HOME": "/data"]).path
                == "/data/gnapterm")
        // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
        #expect(
            LocalPaths.home(override: nil, environment: ["HOME": "/home/ada", "XDG_DATA_HOME": "rel"]).path
                == "/home/ada/.local/share/gnapterm")
        #expect(LocalPaths.home(override: "", environment: ["HOME": "/h"]).path == "/h/.local/share/gnapterm")
    }

    @Test func serverAddresses() throws {
        #expect(try ServerAddress.normalize("127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(try ServerAddress.normalize("https://as.example/") == "https://as.example")
        for bad in ["ftp://x", "http://", "http://a?b", "not a url at all"] {
            #expect(throws: SessionError.self) { try ServerAddress.normalize(bad) }
        }
    }

    @Test func accessArgumentIsParsedWithReadableErrors() throws {
        let rights = try DeviceCommand<WallClock>.parseAccess(#"[{"type":"photo-api","actions":["read"]},"x"]"#)
        #expect(rights == [.object(AccessRightObject(type: "photo-api", actions: ["read"])), .reference("x")])
        #expect(throws: SessionError.self) { try DeviceCommand<WallClock>.parseAccess("[]") }
        do {
            _ = try DeviceCommand<WallClock>.parseAccess(#"[{"actions":["read"]}]"#)
            Issue.record("an access object without type must be refused")
        } catch {
            #expect(error.description == "invalid --access: '[0].type' is required")
        }
    }

    @Test func historyAsTextAndJSON() throws {
        let record = DecisionRecord(
            id: "d1", decidedAt: WallInstant(unixSeconds: 1_767_225_600), server: "http://as", grantID: "g1",
            clientName: "TV\u{1B}[31m", clientURI: nil, keyThumbprint: "tp", decision: .denied, grantedRights: [],
            withheldRights: ["dolphin-metadata"], releasedSubject: [], reason: "not mine")
        let text = HistoryPrinter.text([record], timeZone: TimeZone(identifier: "UTC")!)
        #expect(
            text == """
                2026-01-01 00:00:00  denied    TV\u{FFFD}
                    withheld  dolphin-metadata
                    reason    not mine

                """)
        #expect(HistoryPrinter.text([], timeZone: .current) == "No decisions yet.\n")
        let json = try HistoryPrinter.json([record])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["decided_at"] as? String == "2026-01-01T00:00:00Z")
        #expect(parsed?.first?["grant_id"] as? String == "g1")
        #expect(parsed?.first?["reason"] as? String == "not mine")
    }

    /// `history --json` gives scripts the rights as RFC 9635 access objects, not only their renderings.
    @Test func historyJSONHasTheAccessObjects() throws {
        let record = DecisionRecord(
            approving: Fixtures.photoPrinter,
            with: ApprovalRequest(rights: [Fixtures.photoPrinter.allRights[0].id], subjectFormats: []), id: "d1",
            decidedAt: WallInstant(unixSeconds: 1_767_225_600), server: "http://as")
        let json = try HistoryPrinter.json([record])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let granted = try #require(parsed.first?["granted_access"] as? [Any])
        #expect(granted.count == 1)
        let object = try #require(granted.first as? [String: Any])
        #expect(object["type"] as? String == "photo-api")
        let withheld = try #require(parsed.first?["withheld_access"] as? [Any])
        #expect(withheld.count == Fixtures.photoPrinter.allRights.count - 1)
        #expect(withheld.contains { $0 as? String == "dolphin-metadata" })
    }
}
