import GNAP

/// Approver accounts (`approver-NN`, role `user`), each with one enrolled device, created through the admin API
/// (`POST /admin/v1/accounts`, `POST /admin/v1/accounts/{username}/invitations`, then `POST /interact/v1/enroll`).
///
/// Code entry is spread over them because the AS counts every code entry in flight as a failure until it settles
/// (`CodeAttemptLimiter`): one device with more than 5 entries in flight is refused with `too_many_attempts`, as an
/// approver typing one code at a time never is. Request `i` of a list goes to device `i % count`, so with 16
/// devices and wrk's 16 connections a device has about one entry in flight.
enum ApproverPool {
    static func create(count: Int, admin: ApproverIdentity, authority: String, client: SetupClient) async throws
        -> [ApproverIdentity]
    {
        var devices: [ApproverIdentity] = []
        for index in 0..<count {
            let username = "approver-" + ClientFleet.twoDigits(index)
            let account = try GNAPJSON.encode(
                NewAccountRequest(username: username, displayName: "Approver \(index)", role: .user))
            let created = try await client.send(
                try admin.sign(
                    .post, "/admin/v1/accounts", body: account, authority: authority, created: WallClock().now
                )
                .request)
            _ = try SetupClient.decode(AccountView.self, created, status: 201, "account creation")
            let invited = try await client.send(
                try admin.sign(
                    .post, "/admin/v1/accounts/\(username)/invitations", authority: authority,
                    created: WallClock().now
                ).request)
            let invitation = try SetupClient.decode(InvitationResponse.self, invited, status: 201, "invitation")
            devices.append(
                try await ApproverIdentity.enroll(
                    code: invitation.code, role: .user, authority: authority, client: client))
        }
        return devices
    }
}
