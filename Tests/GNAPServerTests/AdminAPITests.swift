import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

@Suite("Admin API")
struct AdminAPITests {
    /// Every admin route and every new interaction route, as (method, path, body).
    static func routes(grantID: String, deviceID: String) -> [(HTTPRequest.Method, String, [UInt8], admin: Bool)] {
        let reason = Array(#"{"reason":"test"}"#.utf8)
        return [
            (.get, "/admin/v1/grants", [], true),
            (.get, "/admin/v1/grants/\(grantID)", [], true),
            (.post, "/admin/v1/grants/\(grantID)/deny", reason, true),
            (.post, "/admin/v1/grants/\(grantID)/revoke", reason, true),
            (.get, "/admin/v1/counts", [], true),
            (.get, "/admin/v1/accounts", [], true),
            (.post, "/admin/v1/accounts", Array(#"{"username":"zed"}"#.utf8), true),
            (.post, "/admin/v1/accounts/bob/disable", [], true),
            (.post, "/admin/v1/accounts/bob/enable", [], true),
            (.post, "/admin/v1/accounts/bob/invitations", [], true),
            (.get, "/admin/v1/accounts/bob/devices", [], true),
            (.delete, "/admin/v1/devices/\(deviceID)", [], true),
            (.get, "/admin/v1/events?follow=false", [], true),
            (.get, "/interact/v1/decisions", [], false),
            (.get, "/interact/v1/grants", [], false),
            (.post, "/interact/v1/grants/\(grantID)/revoke", reason, false),
            (.get, "/interact/v1/devices", [], false),
            (.delete, "/interact/v1/devices/\(deviceID)", [], false),
        ]
    }

    @Test func everyRouteRefusesUnsignedUserRevokedAndReplayedCallsWithoutChangingAnything() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await harness.enroll(client, username: "bob")
            let revoked = try await harness.enroll(client, username: "carol", role: .admin)
            #expect(try await client.call(.delete, "/admin/v1/devices/\(revoked.key.keyID!)", as: admin).status == .ok)
            let (grantID, _) = try await harness.issuedGrant(client, approver: admin)
            let before = try await harness.store.auditEntries(AuditQuery(limit: 10_000)).count
            let accounts = try await harness.store.accounts()
            for (method, path, body, adminOnly) in Self.routes(grantID: grantID, deviceID: "nonexistent") {
                let unsigned = try await client.send(method, path, content: body)
                #expect(unsigned.status == .unauthorized, "\(method) \(path) unsigned")
                #expect(unsigned.error?.code == .invalidSignature)
                let byRevoked = try await client.send(
                    method, path, content: body, key: revoked.key, profile: .approverAPI)
                #expect(byRevoked.status == .unauthorized && byRevoked.error?.code == .unknownDevice, "\(path) revoked")
                let gnapProfile = try await client.send(method, path, content: body, key: admin.key, profile: .gnap)
                #expect(gnapProfile.error?.code == .invalidSignature, "\(path) with the client profile")
                if adminOnly {
                    let byUser = try await client.send(method, path, content: body, key: bob.key, profile: .approverAPI)
                    #expect(byUser.status == .forbidden && byUser.error?.code == .adminRequired, "\(path) by a user")
                }
            }
            // Nothing above changed the database: no account, no audit line.
            #expect(try await harness.store.accounts() == accounts)
            #expect(try await harness.store.auditEntries(AuditQuery(limit: 10_000)).count == before)
            // A signed call captured and sent again is refused, for every route.
            for (method, path, body, adminOnly) in Self.routes(grantID: grantID, deviceID: "nonexistent") {
                let signer = adminOnly ? admin : bob
                var captured: HTTPRequest?
                let first = try await client.send(method, path, content: body, key: signer.key, profile: .approverAPI) {
                    request, _ in captured = request
                }
                // The right signature is accepted (what follows depends on the route and the state).
                #expect(
                    ![401, 403].contains(first.status.code), "\(method) \(path): \(String(describing: first.error))")
                let replay = try await client.client.execute(
                    uri: path, method: method, headers: try #require(captured).headerFields,
                    body: body.isEmpty ? nil : .init(bytes: body))
                #expect(replay.status == .conflict, "\(method) \(path) replayed")
            }
        }
    }

    @Test func malformedBodiesAreRefusedAndChangeNothing() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let instance = TestClientInstance()
            let started = try await client.startGrant(try instance.request(), key: instance.key)
            let grantID = try #require(started.continue?.uri.split(separator: "/").last).description
            let before = try await harness.store.auditEntries(AuditQuery(limit: 10_000)).count
            let cases: [(String, String)] = [
                ("/admin/v1/accounts", "{"),
                ("/admin/v1/accounts", #"{"username":"Not Valid!"}"#),
                ("/admin/v1/accounts", #"{"username":"x","role":"root"}"#),
                ("/admin/v1/accounts", #"{"username":"x","email":"nope"}"#),
                ("/admin/v1/accounts", #"{"username":"admin"}"#),
                ("/admin/v1/grants/\(grantID)/deny", #"{"reason":5}"#),
                ("/admin/v1/grants/\(grantID)/deny", #"{"reason":"  "}"#),
                ("/admin/v1/grants/\(grantID)/revoke", "[]"),
                ("/interact/v1/grants/\(grantID)/revoke", #"{"why":"x"}"#),
            ]
            for (path, body) in cases {
                let reply = try await client.send(
                    .post, path, content: Array(body.utf8), key: admin.key, profile: .approverAPI)
                #expect([400, 409].contains(reply.status.code), "\(path) \(body): \(reply.status)")
                #expect(reply.error != nil, "\(path) \(body) has no RFC 9635 error JSON")
            }
            let badQuery = try await client.call(.get, "/admin/v1/grants?state=bogus", as: admin)
            #expect(badQuery.status == .badRequest && badQuery.error?.code == .invalidRequest)
            let unknownParameter = try await client.call(.get, "/admin/v1/grants?colour=red", as: admin)
            #expect(unknownParameter.error?.errorDescription == "unknown query parameter 'colour'")
            let badCursor = try await client.call(.get, "/admin/v1/grants?cursor=zzz", as: admin)
            #expect(badCursor.status == .badRequest)
            #expect(try await harness.store.accounts().count == 1)
            #expect(try await harness.store.grant(id: grantID)?.lifecycle.status == .pending)
            #expect(try await harness.store.auditEntries(AuditQuery(limit: 10_000)).count == before)
        }
    }

    @Test func accountsAreAddedListedDisabledAndInvited() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let created = try await client.call(
                .post, "/admin/v1/accounts",
                json: NewAccountRequest(username: "dana", displayName: "Dana", email: "dana@example.com"), as: admin)
            #expect(created.status == .created)
            let dana = try created.decode(AccountView.self)
            #expect(dana.role == .user && dana.email == "dana@example.com" && !dana.opaqueSubject.isEmpty)
            let list = try await client.call(.get, "/admin/v1/accounts", as: admin).decode(AccountList.self)
            #expect(list.accounts.map(\.username) == ["admin", "dana"])
            let invitation = try await client.call(.post, "/admin/v1/accounts/dana/invitations", as: admin)
                .decode(InvitationResponse.self)
            let device = try await TestApprover.enroll(client, code: invitation.code)
            // The code is one-time.
            var other = SigningKey.generateEd25519()
            other.keyID = try other.publicJWK().thumbprint()
            let again = try await client.send(
                .post, "/interact/v1/enroll",
                json: EnrollmentRequest(code: invitation.code, deviceName: "x", jwk: try other.publicJWK()), key: other,
                profile: .approverAPI)
            #expect(again.error?.code == .enrollmentRefused)
            let devices = try await client.call(.get, "/admin/v1/accounts/dana/devices", as: admin)
                .decode(DeviceList.self)
            #expect(devices.devices.map(\.id) == [device.key.keyID!])
            #expect(devices.devices[0].lastSeenAt == nil && devices.devices[0].revokedAt == nil)
            let disabled = try await client.call(.post, "/admin/v1/accounts/dana/disable", as: admin)
            #expect(try disabled.decode(AccountView.self).disabled)
            let refused = try await client.call(.get, "/interact/v1/devices", as: device)
            #expect(refused.status == .forbidden && refused.error?.code == .accountDisabled)
            _ = try await client.call(.post, "/admin/v1/accounts/dana/enable", as: admin)
            let mine = try await client.call(.get, "/interact/v1/devices", as: device).decode(DeviceList.self)
            #expect(mine.devices[0].lastSeenAt != nil)
            let lastAdmin = try await client.call(.post, "/admin/v1/accounts/admin/disable", as: admin)
            #expect(lastAdmin.status == .conflict)
            let unknown = try await client.call(.post, "/admin/v1/accounts/nobody/invitations", as: admin)
            #expect(unknown.status == .notFound)
            let kinds = try await harness.store.auditEntries(AuditQuery(limit: 1000)).map(\.event.kind)
            for kind: AuditEventKind in [
                "account.created", "enrollment.invited", "account.disabled", "account.enabled",
            ] {
                #expect(kinds.contains(kind))
            }
        }
    }

    @Test func aDeviceRevokedByItsOwnerOrAnAdminIsRefusedOnItsNextCall() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let admin = try await TestApprover.enroll(client, code: harness.bootstrap.code.display)
            let bob = try await harness.enroll(client, username: "bob")
            let bobsLaptop = try await harness.enroll(client, username: "bob2")
            // Nobody revokes another account's device through the interaction API.
            let notMine = try await client.call(.delete, "/interact/v1/devices/\(bob.key.keyID!)", as: bobsLaptop)
            #expect(notMine.status == .notFound)
            let own = try await client.call(.delete, "/interact/v1/devices/\(bob.key.keyID!)", as: bob)
            #expect(own.status == .ok)
            #expect(try own.decode(DeviceView.self).revokedAt != nil)
            let next = try await client.call(.get, "/interact/v1/devices", as: bob)
            #expect(next.status == .unauthorized && next.error?.code == .unknownDevice)
            #expect(
                try await client.call(.delete, "/admin/v1/devices/\(bobsLaptop.key.keyID!)", as: admin).status == .ok)
            #expect(try await client.call(.get, "/interact/v1/decisions", as: bobsLaptop).error?.code == .unknownDevice)
            let events = try await harness.store.auditEntries(AuditQuery(kind: "device.revoked"))
            #expect(events.count == 2)
            #expect(events[0].event.actor == "device:\(bob.key.keyID!)")
            #expect(events[1].event.actor == "device:\(admin.key.keyID!)")
        }
    }
}
