import Foundation
import Testing

/// `gnapterm device --interact redirect` against `gnapterm serve`, approved with `gnapterm approve --as AS URL` in
/// tmux (RFC 9635 §3.3.1, §4.1.1), with and without the `push` finish (§4.2.2).
extension EndToEnd {
    @Suite("device --interact redirect, approve URL", .timeLimit(.minutes(3)))
    struct InteractionLinkFlowTests {
        struct Device {
            let process: RunningProcess
            let first: [String: Any]
            var link: String { first["redirect"] as? String ?? "" }

            static func start(_ server: ASProcess, extra: [String]) async throws -> Device {
                let home = try Binary.temporaryDirectory("device")
                let process = try RunningProcess(
                    [
                        "device", "--as", server.url, "--json", "--home", home.path, "--name", "E2E kiosk",
                        "--access", UserCodeFlowTests.access, "--interact", "redirect",
                    ] + extra)
                try await process.waitForOutput("\"interaction\"")
                let first = try JSONSerialization.jsonObject(with: Data(process.stdoutLines[0].utf8)) as? [String: Any]
                guard let first, first["event"] as? String == "interaction", first["user_code"] == nil,
                    (first["redirect"] as? String)?.hasPrefix(server.url + "/interact/") == true,
                    first["expires_at"] is String
                else { throw E2EError("unexpected first line: \(process.stdoutLines[0])") }
                return Device(process: process, first: first)
            }

            var events: [String] {
                process.stdoutLines.compactMap {
                    (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
                }
            }
        }

        func approver(_ server: ASProcess, link: String) throws -> Tmux {
            let home = try Binary.temporaryDirectory("approver")
            return try Tmux(
                command: [
                    Binary.path, "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path,
                    link,
                ]
                .map(shellQuoted).joined(separator: " "))
        }

        @Test func pushFinishAfterApprovingTheLink() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await Device.start(server, extra: ["--finish", "push"])
            defer { device.process.stop() }
            #expect(device.first["finish"] as? String == "push")
            let tmux = try approver(server, link: device.link)
            defer { tmux.kill() }
            // No code to type: the app opens on the review of the linked request.
            let review = try await tmux.waitFor("A device is asking for access to your account")
            #expect(review.contains("E2E kiosk (self-asserted)"))
            #expect(review.contains("Notifies"))
            try tmux.send("a")
            try await tmux.waitFor("Confirm approval")
            try tmux.send("y")
            let result = try await tmux.waitFor("Approved")
            #expect(result.contains("The application was notified."))
            #expect(try await device.process.exitStatus() == 0)
            #expect(device.events == ["interaction", "interaction_finished", "granted"])
            try tmux.send("q")
        }

        @Test func withoutFinishTheDevicePollsUntilTheDenial() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await Device.start(server, extra: [])
            defer { device.process.stop() }
            #expect(device.first["finish"] == nil)
            let tmux = try approver(server, link: device.link)
            defer { tmux.kill() }
            try await tmux.waitFor("A device is asking for access to your account")
            try tmux.send("d")
            try await tmux.waitFor("Deny this request")
            try tmux.send("Down")
            try tmux.send("Enter")
            try await tmux.waitFor("Denied")
            #expect(try await device.process.exitStatus() == 3)
            #expect(device.events.first == "interaction" && device.events.last == "denied")
            try tmux.send("q")
        }
    }
}
