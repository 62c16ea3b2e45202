import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures
import Testing

@Suite("Audit log")
struct AuditLogLiveTests {
    /// A whole flow (enrollment, request, a failed and a good code entry, approval, issuance, rotation, revocation),
    /// then every column of every audit row is searched for each secret the flow handled.
    @Test func noSecretIsEverWrittenToTheAuditLog() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        var secrets: [String] = [try #require(server.bootstrapCode).normalized, server.bootstrapCode!.display]
        let approver = try await server.enrolledApprover()
        secrets.append(try #require(approver.client.key.privateJWK().d))
        let deviceKey = SigningKey.generateEd25519(keyID: "device")
        secrets.append(try #require(deviceKey.privateJWK().d))
        let client = server.grantClient(key: deviceKey)
        var request = GrantRequest(
            accessToken: .single(.photosAndDolphins), subject: SubjectRequest(subIDFormats: ["opaque"]),
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: ClientDisplay(name: "TV"))),
            interact: InteractRequest(start: ["user_code"]))
        request.interact?.start = ["user_code"]
        let started = try await client.request(request, endpoint: server.base + "/gnap")
        let code = try #require(started.interact?.userCode)
        let userCode = try UserCode(parsing: code)
        secrets += [userCode.normalized, userCode.display]
        secrets.append(try #require(started.continue?.accessToken.value))
        _ = try? await approver.enterCode(try UserCode(parsing: "2222-2222"))
        let review = try await approver.enterCode(userCode)
        _ = try await approver.approve(
            grantID: review.grantID, ApprovalRequest(rights: ["0.0", "0.1"], subjectFormats: ["opaque"]))
        server.clock.advance(by: .seconds(5))
        let finished = try await client.poll(try #require(started.continue))
        let token = try #require(finished.accessToken?.tokens.first)
        secrets.append(token.value)
        let manage = try #require(token.manage)
        secrets.append(manage.accessToken.value)
        let rotated = try await client.rotateToken(manage)
        secrets += [rotated.value, try #require(rotated.manage).accessToken.value]
        try await client.revokeToken(try #require(rotated.manage))

        let entries = try await server.store.auditEntries(AuditQuery(limit: 10_000))
        let kinds = Set(entries.map(\.event.kind))
        for kind: AuditEventKind in [
            "device.enrolled", "grant.created", "code.failed", "code.entered", "grant.approved",
        ] {
            #expect(kinds.contains(kind), "no \(kind) event")
        }
        #expect(kinds.contains("tokens.issued") && kinds.contains("token.rotated") && kinds.contains("token.revoked"))
        for entry in entries {
            let event = entry.event
            let text = [
                event.kind.rawValue, event.detail, event.grantID, event.accountID, event.actor, event.requestID,
            ]
            .compactMap { $0 }.joined(separator: "\n")
            for secret in secrets {
                #expect(!text.contains(secret), "audit entry \(entry.id) (\(event.kind)) contains a secret")
            }
        }
        // Every event caused by a request names the request and who made it.
        for entry in entries where entry.event.kind != "account.created" {
            #expect(entry.event.requestID != nil, "\(entry.event.kind) has no request id")
            #expect(entry.event.actor != nil)
        }
        let approved = try #require(entries.first { $0.event.kind == "grant.approved" })
        #expect(approved.event.actor == "device:\(approver.client.key.keyID!)")
        let issued = try #require(entries.first { $0.event.kind == "tokens.issued" })
        #expect(issued.event.actor == "client:\(try deviceKey.publicJWK().thumbprint())")
    }
}
