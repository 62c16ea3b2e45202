import ArgumentParser
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage

/// `gnapterm device token show|rotate|revoke`: wiring for `DeviceTokenCommand`.
struct DeviceTokenSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Show, rotate or revoke the grant this device stored (RFC 9635 §6).",
        discussion: """
            show: print the stored tokens (with their rights and management URIs). rotate: get new token values \
            from the AS and store them. revoke: revoke the tokens at the AS and forget the grant.
            """)

    @Argument(help: ArgumentHelp("show, rotate or revoke.", valueName: "action"))
    var action: String

    @OptionGroup var home: HomeOptions

    func validate() throws {
        guard DeviceTokenCommand<WallClock>.Action(rawValue: action) != nil else {
            throw ValidationError("unknown action '\(action)'; use show, rotate or revoke")
        }
    }

    func run() async throws {
        let store: LocalDatabase
        do {
            store = try LocalDatabase.open(directory: home.directory)
        } catch {
            StandardStreams.err("gnapterm device token: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
        let command = DeviceTokenCommand(
            grantStore: store, keyStore: store, transport: AsyncHTTPTransport(), clock: WallClock(),
            stdout: StandardStreams.out, stderr: StandardStreams.err)
        let status = await command.run(DeviceTokenCommand<WallClock>.Action(rawValue: action) ?? .show)
        if status != 0 { throw ExitCode(status) }
    }
}
