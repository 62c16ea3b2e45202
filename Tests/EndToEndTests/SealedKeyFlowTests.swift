import Foundation
import Testing

/// `gnapterm keys seal`, then `gnapterm approve --plain` asking for the passphrase (from standard input here), a
/// wrong passphrase refused without damage, and `gnapterm history --search` on the decision taken.
extension EndToEnd {
    @Suite("sealed device key and history search", .timeLimit(.minutes(3)))
    struct SealedKeyFlowTests {
        @Test func aSealedKeyIsOpenedWithItsPassphraseAndTheDecisionIsSearchable() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("sealed").path
            // Enroll (the plain approver then ends at once: no code on standard input).
            let enroll = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home, "--plain"], stdin: [])
            #expect(enroll.stderr.contains("Enrolled this terminal"))
            let listed = try PipedCommand.run(["keys", "--home", home], stdin: [])
            #expect(listed.status == 0)
            #expect(listed.stdoutText.contains("at rest     not sealed"))
            let thumbprint = try #require(
                listed.stdoutText.split(separator: "\n").first { $0.contains("thumbprint") }?.split(separator: " ").last
            )

            let seal = try PipedCommand.run(
                ["keys", "seal", "--as", server.url, "--home", home], stdin: Array("s3cret phrase\n".utf8))
            #expect(seal.status == 0, "\(seal.stderr)")
            let sealed = try PipedCommand.run(["keys", "--home", home], stdin: [])
            #expect(sealed.stdoutText.contains("at rest     sealed with a passphrase"))
            #expect(sealed.stdoutText.contains(String(thumbprint)))
            // The private key is no longer in the store in the clear.
            let database = try Data(contentsOf: URL(fileURLWithPath: home).appendingPathComponent("gnapterm.sqlite"))
            #expect(String(decoding: database, as: UTF8.self).contains(#""d":"#) == false)

            let wrong = try PipedCommand.run(
                ["approve", "--as", server.url, "--home", home, "--plain"], stdin: Array("a\nb\nc\n".utf8))
            #expect(wrong.status == 1)
            #expect(wrong.stderr == "gnapterm approve: wrong passphrase: the device key stays sealed and unchanged\n")

            let device = try await UserCodeFlowTests.Device.start(server)
            defer { device.process.stop() }
            let approve = try PipedCommand.run(
                ["approve", "--as", server.url, "--home", home, "--plain"],
                stdin: Array("s3cret phrase\n\(device.code)\ndeny\nThe device is not mine\nyes\n".utf8))
            #expect(approve.status == 0, "\(approve.stderr)")
            #expect(approve.stdoutText.contains("Denied. Grant"))
            #expect(try await device.process.exitStatus() == 3)

            let found = try PipedCommand.run(["history", "--home", home, "--search", "not mine"], stdin: [])
            #expect(found.stdoutText.contains("denied    E2E TV"))
            #expect(found.stdoutText.contains("reason    The device is not mine"))
            let none = try PipedCommand.run(["history", "--home", home, "--search", "zebra"], stdin: [])
            #expect(none.stdoutText == "No decision matches “zebra”.\n")
        }
    }
}
