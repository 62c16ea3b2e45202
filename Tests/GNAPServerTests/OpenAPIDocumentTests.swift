import Foundation
import GNAPServer
import Hummingbird
import Testing
import Yams

/// Assets/openapi.yaml documents exactly the routes the server has: a route added without documentation, or
/// documentation of a route that does not exist, fails here.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static var documentURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Assets/openapi.yaml")
    }

    @Test func documentAndRouterAgree() async throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: Any])
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var documented: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any])?.keys ?? [:].keys where methods.contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let harness = try await ASHarness()
        let routed = Set(harness.server.router().routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(
            documented == routed,
            "only documented: \(documented.subtracting(routed)); only routed: \(routed.subtracting(documented))")
        #expect(routed.count >= 9)
    }

    @Test func everyOperationDocumentsItsErrorsAndNoStore() throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        for (path, item) in paths {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let operation = operation as? [String: Any],
                    let responses = operation["responses"] as? [String: Any]
                else { continue }
                #expect(operation["operationId"] != nil, "\(method) \(path) has no operationId")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) documents no success")
                // Unauthenticated documents have no client error to document.
                let documents: Set<String> = ["/device", "/.well-known/gnap-as-rs", "/.well-known/jwks.json"]
                if !documents.contains(path) && method != "options" {
                    #expect(
                        responses.keys.contains { $0.hasPrefix("4") }, "\(method) \(path) documents no client error")
                }
            }
        }
    }
}
