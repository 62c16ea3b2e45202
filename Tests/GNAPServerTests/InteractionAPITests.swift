import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Approver interaction API")
struct InteractionAPITests {
    func pendingCode(_ client: ASHarness.Client) async throws -> String {
        let instance = TestClientInstance()
        let reply = try await client.send(.post, "/gnap", json: try instance.request(), key: instance.key)
        return try #require(try reply.decode(GrantResponse.self).interact?.userCode)
    }

    @Test func enrollmentNeedsAValidCodeAndProofOfPossession() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let wrongCode = try await client.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(code: "AAAA-AAAA-AAAA", deviceName: "x", jwk: try key.publicJWK()), key: key,
                profile: .approverAPI)
            #expect(wrongCode.status == .forbidden && wrongCode.error?.code == .enrollmentRefused)
            // Signed by a key other than the one being enrolled.
            var other = SigningKey.generateEd25519()
            other.keyID = key.keyID
            let noPossession = try await client.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(
                    code: harness.bootstrap.code.display, deviceName: "x", jwk: try key.publicJWK()),
                key: other, profile: .approverAPI)
            #expect(noPossession.status == .unauthorized && noPossession.error?.code == .invalidSignature)
            _ = try await TestApprover.enroll(client, code: harness.bootstrap.code.display.lowercased())
            var third = SigningKey.generateEd25519()
            third.keyID = try third.publicJWK().thumbprint()
            let reused = try await client.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(
                    code: harness.bootstrap.code.display, deviceName: "x", jwk: try third.publicJWK()),
                key: third, profile: .approverAPI)
            #expect(reused.error?.code == .enrollmentRefused)
        }
    }

    @Test func callsMustBeSignedByAnEnrolledDeviceAndNeverReplayed() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let approver = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let code = try await pendingCode(client)
            let body = try GNAPJSON.encode(CodeEntryRequest(userCode: code))
            let unsigned = try await client.send(.post, "/interact/v1/code", content: body)
            #expect(unsigned.status == .unauthorized && unsigned.error?.code == .invalidSignature)
            var stranger = SigningKey.generateEd25519()
            stranger.keyID = "not-a-device"
            let unknown = try await client.send(
                .post, "/interact/v1/code", content: body, key: stranger, profile: .approverAPI)
            #expect(unknown.status == .unauthorized && unknown.error?.code == .unknownDevice)
            let gnapTagged = try await client.send(
                .post, "/interact/v1/code", content: body, key: approver.key, profile: .gnap)
            #expect(gnapTagged.error?.code == .invalidSignature)
            // Capture one signed request and send it twice.
            var captured: HTTPRequest?
            let first = try await client.send(
                .post, "/interact/v1/code", content: body, key: approver.key, profile: .approverAPI
            ) { request, _ in
                captured = request
            }
            #expect(first.status == .ok)
            let replay = try await client.client.execute(
                uri: "/interact/v1/code", method: .post, headers: captured!.headerFields, body: .init(bytes: body))
            #expect(replay.status == .conflict)
            #expect(
                (try? GNAPJSON.decode(GrantResponse.self, from: Array(replay.body.readableBytesView)))?.error?.code
                    == .replayedRequest)
        }
    }

    @Test func userCodeErrorsAreSpecific() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await enrollSecondAccount(harness, client)
            func enter(_ code: String, as approver: TestApprover) async throws -> ASHarness.Client.Reply {
                try await client.send(
                    .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: approver.key,
                    profile: .approverAPI)
            }
            let malformed = try await enter("ABC", as: alice)
            #expect(malformed.status == .badRequest && malformed.error?.code == .userCodeMalformed)
            #expect(malformed.error?.errorDescription == "a code has 8 characters; this has 3")
            let unknown = try await enter("2222-2222", as: alice)
            #expect(unknown.status == .notFound && unknown.error?.code == .userCodeUnknown)
            let code = try await pendingCode(client)
            #expect(try await enter(code, as: alice).status == .ok)
            let taken = try await enter(code, as: bob)
            #expect(taken.status == .conflict && taken.error?.code == .userCodeUsed)
            let stale = try await pendingCode(client)
            harness.clock.advance(by: .seconds(601))
            let expired = try await enter(stale, as: alice)
            #expect(expired.status == .gone && expired.error?.code == .userCodeExpired)
        }
    }

    @Test func anApprovalThatReleasesNothingIsRefused() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            var request = try instance.request()
            request.subject = SubjectRequest(subIDFormats: ["email"])
            let code = try #require(
                try await client.send(.post, "/gnap", json: request, key: instance.key).decode(GrantResponse.self)
                    .interact?.userCode)
            let review = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: alice.key,
                profile: .approverAPI
            ).decode(InteractionReview.self)
            // The bootstrap admin has no e-mail address, so releasing "email" alone releases nothing.
            let reply = try await client.send(
                .post, "/interact/v1/grants/\(review.grantID)/approve",
                json: ApprovalRequest(rights: [], subjectFormats: ["email"]), key: alice.key, profile: .approverAPI)
            #expect(reply.status == .badRequest)
            #expect(reply.error?.errorDescription?.contains("deny the request instead") == true)
        }
    }

    @Test func reEnrollingAKeyDoesNotSpendACode() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            var sameKey = alice.key
            sameKey.keyID = try sameKey.publicJWK().thumbprint()
            let code = EnrollmentCode.generate()
            let account = try #require(try await harness.store.account(username: "admin"))
            try await harness.store.insertEnrollmentCode(
                EnrollmentCodeRecord(
                    codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: harness.clock.now,
                    expiresAt: harness.clock.now.advanced(by: .seconds(60))))
            let again = try await client.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(code: code.display, deviceName: "again", jwk: try sameKey.publicJWK()),
                key: sameKey, profile: .approverAPI)
            #expect(again.status == .conflict && again.error?.code == .enrollmentRefused)
            // The code is still good for another key.
            _ = try await TestApprover.enroll(client, code: code.display)
        }
    }

    @Test func decisionsAreValidated() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let alice = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await enrollSecondAccount(harness, client)
            let code = try await pendingCode(client)
            let review = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: code), key: alice.key,
                profile: .approverAPI
            ).decode(InteractionReview.self)
            #expect(review.allRights.map(\.id) == ["0.0", "0.1"])
            #expect(review.allRights[0].description == "Metadata of the dolphin research dataset")
            let path = "/interact/v1/grants/\(review.grantID)"
            func post(_ suffix: String, _ json: some Encodable, as approver: TestApprover) async throws
                -> ASHarness.Client.Reply
            {
                try await client.send(.post, path + suffix, json: json, key: approver.key, profile: .approverAPI)
            }
            let unknownRight = try await post(
                "/approve", ApprovalRequest(rights: ["9.9"], subjectFormats: []), as: alice)
            #expect(unknownRight.status == .badRequest && unknownRight.error?.errorDescription == "unknown right '9.9'")
            let nothing = try await post("/approve", ApprovalRequest(rights: [], subjectFormats: []), as: alice)
            #expect(nothing.status == .badRequest && nothing.error?.errorDescription?.contains("deny") == true)
            let unrequestedFormat = try await post(
                "/approve", ApprovalRequest(rights: ["0.0"], subjectFormats: ["email"]), as: alice)
            #expect(unrequestedFormat.error?.code == .invalidRequest)
            let noReason = try await post("/deny", DenialRequest(reason: "  "), as: alice)
            #expect(noReason.status == .badRequest)
            let notYours = try await client.send(.get, path, key: bob.key, profile: .approverAPI)
            #expect(notYours.status == .notFound)
            let bobApproves = try await post("/approve", ApprovalRequest(rights: ["0.0"], subjectFormats: []), as: bob)
            #expect(bobApproves.status == .notFound)
            let approved = try await post(
                "/approve", ApprovalRequest(rights: ["0.1"], subjectFormats: ["opaque"]), as: alice)
            #expect(try approved.decode(DecisionResponse.self).status == .approved)
            let again = try await post("/deny", DenialRequest(reason: "changed my mind"), as: alice)
            #expect(again.status == .conflict && again.error?.code == .alreadyDecided)
            let events = try await harness.store.auditEvents(grantID: review.grantID)
            #expect(events.map(\.kind) == ["grant.created", "code.entered", "grant.approved"])
            #expect(events[2].detail == "approved 1 right(s): photo-api: read; released opaque")
        }
    }

    func enrollSecondAccount(_ harness: ASHarness, _ client: ASHarness.Client) async throws -> TestApprover {
        let account = Account(
            id: Secrets.identifier(), username: "bob", displayName: "Bob", role: .user,
            opaqueSubject: Secrets.identifier(), email: nil, createdAt: harness.clock.now)
        try await harness.store.insertAccount(account)
        let code = EnrollmentCode.generate()
        try await harness.store.insertEnrollmentCode(
            EnrollmentCodeRecord(
                codeHash: Secrets.hash(code.normalized), accountID: account.id, createdAt: harness.clock.now,
                expiresAt: harness.clock.now.advanced(by: .seconds(60))))
        return try await TestApprover.enroll(client, code: code.display)
    }
}
