import Foundation
import Testing

/// The approver in a real terminal (tmux): `y` puts the grant id on the clipboard through OSC 52, and a device's link
/// pasted at the code field (bracketed paste) opens that request.
extension EndToEnd {
    @Suite("approver clipboard and paste", .timeLimit(.minutes(3)))
    struct ApproverClipboardTests {
        static func approver(_ server: ASProcess) throws -> Tmux {
            let home = try Binary.temporaryDirectory("approver")
            return try Tmux(
                command: [
                    Binary.path, "approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path,
                ]
                .map(shellQuoted).joined(separator: " "))
        }

        @Test func yCopiesTheGrantIdThroughOSC52() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let tmux = try Self.approver(server)
            defer { tmux.kill() }
            // tmux takes a program's OSC 52 as a paste buffer when set-clipboard is on.
            try tmux.run(["set-option", "-s", "set-clipboard", "on"])
            try await tmux.waitFor("Enter a code")
            try tmux.type(device.code)
            try tmux.send("Enter")
            try await tmux.waitFor("A device is asking for access to your account")
            try tmux.send("y")
            let screen = try await tmux.waitFor("Copied to the clipboard: grant id ")
            let grantID = try #require(screen.firstMatch(of: /Copied to the clipboard: grant id (\S+)/)).output.1
            #expect(try tmux.run(["show-buffer"]) == String(grantID))
            try tmux.send("q")
        }

        @Test func aLinkPastedAtTheCodeFieldOpensThatRequest() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let device = try await InteractionLinkFlowTests.Device.start(server, extra: [])
            defer { device.process.stop() }
            let tmux = try Self.approver(server)
            defer { tmux.kill() }
            try await tmux.waitFor("Enter a code")
            // -p: sent as a bracketed paste, as a terminal does when the program asked for it.
            try tmux.run(["set-buffer", "-b", "link", device.link])
            try tmux.run(["paste-buffer", "-p", "-b", "link", "-t", tmux.session])
            let review = try await tmux.waitFor("A device is asking for access to your account")
            #expect(review.contains("E2E kiosk (self-asserted)"))
            try tmux.send("d")
            try await tmux.waitFor("Deny")
            try tmux.send("Down")
            try tmux.send("Enter")
            try await tmux.waitFor("Denied")
            #expect(try await device.process.exitStatus() == 3)
            try tmux.send("q")
        }
    }
}
