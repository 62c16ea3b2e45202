import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import Testing

/// RFC 9767 §3.4: an RS registers a set of rights and clients ask for it by its reference; the approver sees the
/// rights it stands for, with the RS's name.
@Suite("Resource set registration (RFC 9767 §3.4)")
struct ResourceSetRegistrationTests {
    static let notes = TestResourceServer(id: "notes-rs")

    static func harness(dynamic: Bool = false, configure: @escaping (inout ServerConfiguration) -> Void = { _ in })
        async throws -> ASHarness
    {
        try await ASHarness(
            servers: { now in
                [
                    notes.record(
                        types: ["notes"], locations: ["https://notes.test"], references: ["notes.all"], name: "Notes",
                        at: now)
                ]
            },
            configure: {
                $0.resourceServers.allowsDynamicResourceServers = dynamic
                configure(&$0)
            })
    }

    @Test func aRegisteredSetGetsARandomReferenceAndTheSameOneAgain() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let first = try await client.registerSet([TestRights.notesRead, TestRights.notesWrite], as: Self.notes)
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "no-store")
            let answer = try first.decode(ResourceSetRegistrationResponse.self)
            #expect(answer.resourceReference.count >= 20)
            #expect(answer.instanceID == "notes-rs")
            #expect(answer.introspectionEndpoint == "http://as.test/gnap/introspect")
            // §3.4: "the AS MAY return the same resource reference value as in previous responses".
            let again = try await client.registerSet([TestRights.notesRead, TestRights.notesWrite], as: Self.notes)
            #expect(
                try again.decode(ResourceSetRegistrationResponse.self).resourceReference == answer.resourceReference)
            // By value too: the key names the same RS.
            let byValue = try await client.registerSet([TestRights.notesRead], as: Self.notes, byValue: true)
            let other = try byValue.decode(ResourceSetRegistrationResponse.self)
            #expect(other.resourceReference != answer.resourceReference)
            #expect(other.instanceID == "notes-rs")
            // A reference string the operator registered the RS for.
            let reference = try await client.registerSet([.reference("notes.all")], as: Self.notes)
            #expect(reference.status == .ok)
        }
    }

    @Test func anRSRegistersOnlyWhatItServes() async throws {
        let harness = try await Self.harness(dynamic: true)
        let newcomer = TestResourceServer(id: "ignored")
        try await harness.run { client in
            let before = try await harness.rowCountsBesideNonces()
            // Outside its registered types, locations or references.
            for access in [
                [TestRights.photos],
                [
                    AccessRight.object(
                        AccessRightObject(type: "notes", actions: ["read"], locations: ["https://evil.test/"]))
                ],
                [
                    AccessRight.object(
                        AccessRightObject(type: "notes", actions: ["read"], locations: ["https://notes.test.evil/"]))
                ],
                [AccessRight.reference("dolphin-metadata")],
            ] {
                let reply = try await client.registerSet(access, as: Self.notes)
                #expect(reply.status == .badRequest)
                #expect(reply.rsError?.code == .invalidAccess, "\(access)")
            }
            #expect(try await harness.rowCountsBesideNonces() == before)
            // An RS trusted on first use may not claim a pre-registered RS's type, nor reference strings.
            let posing = try await client.registerSet([TestRights.notesRead], as: newcomer, byValue: true)
            #expect(posing.rsError?.code == .invalidAccess)
            let referencing = try await client.registerSet([.reference("notes.all")], as: newcomer, byValue: true)
            #expect(referencing.rsError?.code == .invalidAccess)
        }
    }

    @Test func formatsTheASCannotIssueAndIntrospectionItDoesNotOfferAreRefused() async throws {
        let harness = try await Self.harness { $0.resourceServers.offersIntrospection = false }
        try await harness.run { client in
            let biscuit = try await client.registerSet([TestRights.notesRead], as: Self.notes, formats: ["biscuit"])
            #expect(biscuit.status == .badRequest)
            #expect(biscuit.rsError?.code == .invalidRequest)
            let request = ResourceSetRegistrationRequest(
                access: [TestRights.notesRead], resourceServer: Self.notes.byReference,
                tokenIntrospectionRequired: true)
            let introspecting = try await client.send(.post, "/gnap/resource", json: request, key: Self.notes.key)
            #expect(introspecting.rsError?.code == .invalidRequest)
            // Without introspection, the answer does not point to an endpoint.
            let plain = try await client.registerSet([TestRights.notesRead], as: Self.notes)
            #expect(try plain.decode(ResourceSetRegistrationResponse.self).introspectionEndpoint == nil)
        }
    }

    @Test func aClientAsksByReferenceAndTheApproverSeesTheRightsAndTheServer() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let registered = try await client.registerSet(
                [TestRights.notesRead, TestRights.notesWrite], as: Self.notes)
            let reference = try registered.decode(ResourceSetRegistrationResponse.self).resourceReference
            let instance = TestClientInstance()
            var request = try instance.request(access: [.reference(reference), TestRights.calendar])
            request.subject = nil
            let grant = try await TestGrant.start(client, instance: instance, request: request)
            let approver = try await TestApprover.enroll(client, code: try await harness.adminEnrollmentCode())
            let review = try await client.send(
                .post, "/interact/v1/code", json: CodeEntryRequest(userCode: try #require(grant.userCode)),
                key: approver.key, profile: .approverAPI
            ).decode(InteractionReview.self)
            // The reference arrives as the rights it stands for, each naming the vetted RS.
            #expect(
                review.allRights.map(\.right) == [TestRights.notesRead, TestRights.notesWrite, TestRights.calendar])
            #expect(review.allRights[0].description == "served by Notes (vetted resource server)")
            #expect(review.allRights[2].description == "Your calendar and its events")
        }
    }

    @Test func partialApprovalOfASetLimitsTheToken() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let reference = try await client.registerSet([TestRights.notesRead, TestRights.notesWrite], as: Self.notes)
                .decode(ResourceSetRegistrationResponse.self).resourceReference
            // The approver approves only the first right the reference expanded into: reading.
            let (_, tokens) = try await harness.approvedGrant(client, access: [.reference(reference)], rights: ["0.0"])
            #expect(tokens.first?.access == [TestRights.notesRead])
            let view = try #require(try await client.introspect(tokens[0].value, as: Self.notes).introspection?.token)
            #expect(view.access == [TestRights.notesRead])
        }
    }

    @Test func aSetCanRequireStructuredTokens() async throws {
        let harness = try await Self.harness()
        try await harness.run { client in
            let structured = try await client.registerSet(
                [TestRights.notesRead], as: Self.notes, formats: ["jwt-signed"]
            )
            .decode(ResourceSetRegistrationResponse.self).resourceReference
            let (_, tokens) = try await harness.approvedGrant(client, access: [.reference(structured)])
            #expect(tokens[0].value.split(separator: ".").count == 3)
            let view = try #require(try await client.introspect(tokens[0].value, as: Self.notes).introspection?.token)
            #expect(view.format == "jwt-signed")
            // Without the requirement the AS's default, opaque, applies.
            let (_, opaque) = try await harness.approvedGrant(client, access: [TestRights.notesRead])
            #expect(!opaque[0].value.contains("."))
        }
    }
}
