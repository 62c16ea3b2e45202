import GNAP
import Testing

/// Audit event kinds keep their wire names, and a kind this build does not know still decodes.
@Suite("Audit event kinds on the wire")
struct AuditEventKindTests {
    @Test func kindsAreTheirWireStrings() throws {
        #expect(AuditEventKind.grantCreated.rawValue == "grant.created")
        #expect(AuditEventKind.finishPushFailed.rawValue == "finish.push_failed")
        #expect(AuditEventKind.clientKeyRotated.rawValue == "client.key-rotated")
        #expect(AuditEventKind.deviceRevoked.family == "device")
        let encoded = try GNAPJSON.encode([AuditEventKind.codeEntered])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["code.entered"]"#)
        let decoded = try GNAPJSON.decode([AuditEventKind].self, from: Array(#"["code.entered","new.kind"]"#.utf8))
        #expect(decoded == [.codeEntered, AuditEventKind(rawValue: "new.kind")])
    }
}
