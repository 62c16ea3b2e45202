import Foundation
import Testing

extension EndToEnd {
    /// `gnapterm admin` against a running AS (signed with the enrolled approver key) and on a stopped AS's database.
    @Suite("admin", .timeLimit(.minutes(3)))
    struct AdminCommandTests {
        func admin(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
            let output = try PipedCommand.run(["admin"] + arguments, stdin: [])
            return (output.status, output.stdoutText, output.stderr)
        }

        @Test func usersAndInvitationsAgainstARunningASAndOnItsDatabase() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("admin-home")
            defer { try? FileManager.default.removeItem(at: home) }
            // Enroll this terminal as the bootstrap admin (no code follows on standard input, so approve then stops).
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain"],
                stdin: [])
            let remote = ["--as", server.url, "--home", home.path]
            let added = try admin(["users", "add", "dana", "--email", "dana@example.com"] + remote)
            #expect(added.status == 0, "\(added.err)")
            #expect(added.out.hasPrefix("Added account 'dana' (user, opaque id "))
            let invited = try admin(["invite", "dana"] + remote)
            #expect(invited.status == 0 && invited.out.contains("One-time enrollment code for 'dana'"))
            #expect(invited.out.contains("On the new approver terminal: gnapterm approve --as \(server.url) --enroll "))
            #expect(try admin(["users", "disable", "dana"] + remote).out.hasPrefix("Disabled account 'dana'"))
            let listed = try admin(["users", "list"] + remote)
            #expect(listed.out.split(separator: "\n").contains { $0.hasPrefix("dana") && $0.contains("disabled") })
            let duplicate = try admin(["users", "add", "dana"] + remote)
            #expect(duplicate.status == 1)
            #expect(duplicate.err == "gnapterm admin: the account 'dana' exists already (user); nothing changed\n")
            let promote = try admin(["users", "add", "dana", "--role", "admin"] + remote)
            #expect(
                promote.err
                    == "gnapterm admin: the account 'dana' exists already (user); to make it an admin: gnapterm admin "
                    + "users set-role dana admin --as \(server.url)\n")
            let promoted = try admin(["users", "set-role", "dana", "admin"] + remote)
            #expect(promoted.status == 0 && promoted.out.hasPrefix("Updated account 'dana' (admin, opaque id "))
            // The one AS this home is enrolled at is remembered; --json gives the admin API's shapes.
            let json = try admin(["users", "list", "--json", "--home", home.path])
            #expect(json.status == 0, "\(json.err)")
            let accounts = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
            let names = (accounts?["accounts"] as? [[String: Any]])?.compactMap { $0["username"] as? String }
            #expect(names == ["admin", "dana"])
            #expect(try admin(["users", "set-role", "dana", "user", "--home", home.path]).status == 0)
            let last = try admin(["users", "set-role", "admin", "user", "--home", home.path])
            #expect(
                last.err == "gnapterm admin: the authorization server refused (409 conflict): 'admin' is the last "
                    + "enabled admin account\n")
            // Not enrolled at that AS: a clear message.
            let strangerHome = try Binary.temporaryDirectory("admin-stranger")
            let stranger = try admin(["users", "list", "--as", server.url, "--home", strangerHome.path])
            #expect(stranger.status == 1 && stranger.err.contains("not enrolled at"))

            server.process.stop()
            _ = try await server.process.exitStatus()
            let local = ["--data-dir", server.dataDirectory.path]
            let offline = try admin(["users", "add", "erin", "--role", "admin"] + local)
            #expect(offline.status == 0 && offline.out.hasPrefix("Added account 'erin' (admin"))
            #expect(try admin(["users", "enable", "dana"] + local).status == 0)
            let all = try admin(["users", "list"] + local).out
            #expect(
                all.contains("erin")
                    && all.split(separator: "\n").contains { $0.hasPrefix("dana ") && $0.contains("enabled") })
            let code = try admin(["invite", "erin"] + local)
            #expect(code.status == 0 && code.out.contains("gnapterm approve --as URL --enroll "))
            let both = try admin(["users", "list"] + local + remote)
            #expect(both.status == 64 && both.err.contains("give only one of --as and --data-dir"))
            let missing = try admin(["users", "list", "--data-dir", home.path])
            #expect(missing.status == 64 && missing.err.contains("no AS database in"))
        }
    }
}
