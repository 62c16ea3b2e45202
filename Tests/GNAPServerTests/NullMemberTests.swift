import Foundation
import GNAP
import GNAPServer
import Testing

/// No request schema of Assets/openapi.yaml has a nullable member, so `null` is refused everywhere instead of being
/// read as "absent" (found by schemathesis: `user`, `subject`, `finish`, `label`, `flags` and the admin account
/// fields took `null`).
@Suite("null in request content")
struct NullMemberTests {
    static func withNull(_ member: String, in content: [UInt8]) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(content)) as? [String: Any])
        object[member] = NSNull()
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    @Test func aGrantRequestWithANullOptionalMemberIs400NamingIt() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let instance = TestClientInstance()
            let valid = try GNAPJSON.encode(try instance.request())
            for member in ["user", "subject"] {
                let reply = try await client.send(
                    .post, "/gnap", content: try Self.withNull(member, in: valid), key: instance.key)
                #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
                #expect(reply.error?.errorDescription?.hasPrefix("'\(member)' is null") == true)
            }
            let accepted = try await client.send(.post, "/gnap", content: valid, key: instance.key)
            #expect(accepted.status == .ok)
        }
    }

    @Test func anAdminAccountWithANullMemberIs400() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let reply = try await client.send(
                .post, "/admin/v1/accounts", content: Array(#"{"username":"dana","email":null}"#.utf8),
                key: admin.key, profile: .approverAPI)
            #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
            #expect(reply.error?.errorDescription?.hasPrefix("'email' is null") == true)
        }
    }

    @Test func theCheckFindsNullOnlyOutsideStrings() throws {
        #expect(throws: Never.self) { try GNAPJSON.checkNoNull(Array(#"{"a":"null","b":["x null"]}"#.utf8)) }
        #expect(
            throws: GNAPError(
                .invalidRequest, "'label' is null: leave out a member that has no value (no member takes null)")
        ) {
            try GNAPJSON.checkNoNull(Array(#"{"access_token":{"access":["x"], "label" : null}}"#.utf8))
        }
        #expect(throws: GNAPError.self) { try GNAPJSON.checkNoNull(Array(#"{"flags":["bearer",null]}"#.utf8)) }
        #expect(throws: GNAPError.self) {
            _ = try GNAPJSON.decodeRequest(GrantRequest.self, from: Array(#"{"user":null}"#.utf8))
        }
    }
}
