import Foundation
import GNAP
import GNAPServer
import Testing

/// JSON content nested deeper than ``RequestLimits/maximumJSONDepth`` is refused with 400 `invalid_request` before it
/// is decoded or its signature checked.
@Suite("JSON nesting depth")
struct JSONDepthTests {
    static func nested(_ depth: Int) -> [UInt8] {
        Array((String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)).utf8)
    }

    @Test func contentDeeperThanTheLimitIs400() async throws {
        let harness = try await ASHarness(configure: { $0.limits.maximumJSONDepth = 8 })
        try await harness.run { client in
            let deep = try await client.send(.post, "/gnap", content: Self.nested(9))
            #expect(deep.status == .badRequest && deep.error?.code == .invalidRequest)
            #expect(deep.error?.errorDescription?.contains("deeper than 8 levels") == true)
            // Brackets inside strings do not count.
            let quoted = try await client.send(
                .post, "/interact/v1/code", content: Array(#"{"user_code":"[[[[[[[[[[[[[[[[[[[["}"#.utf8))
            #expect(quoted.error?.errorDescription?.contains("deeper") != true)
            // A real grant request fits well within it.
            let instance = TestClientInstance()
            let grant = try await client.send(.post, "/gnap", json: try instance.request(), key: instance.key)
            #expect(grant.status == .ok)
        }
    }

    @Test func theDefaultLimitIs32AndDecodingNeverGoesDeeperThan64() async throws {
        #expect(RequestLimits().maximumJSONDepth == 32)
        #expect(throws: GNAPError.self) { try GNAPJSON.checkNesting(Self.nested(33), maximumDepth: 32) }
        #expect(throws: Never.self) { try GNAPJSON.checkNesting(Self.nested(32), maximumDepth: 32) }
        // Below the server, GNAP's own request decoding refuses anything deeper than 64 levels.
        #expect(throws: GNAPError.self) { _ = try GNAPJSON.decodeRequest(JSONValue.self, from: Self.nested(65)) }
        let harness = try await ASHarness()
        try await harness.run { client in
            let reply = try await client.send(.post, "/gnap", content: Self.nested(10_000))
            #expect(reply.status == .badRequest && reply.error?.code == .invalidRequest)
        }
    }
}
