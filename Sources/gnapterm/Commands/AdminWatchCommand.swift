import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage
import TerminalUI

/// `gnapterm admin [watch] --as URL`: the live admin view.
struct AdminWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch pending requests live; deny, revoke, manage accounts and devices (admin accounts only).")

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The AS, e.g. http://127.0.0.1:8080 (default: $GNAPTERM_AS, else the one AS this terminal is "
                + "enrolled at)."))
    var server: String?

    @Flag(help: "Ring the terminal's bell when a new request arrives.")
    var bell = false

    @Option(help: "Colour theme: \(Theme.all.map(\.name).joined(separator: ", ")). NO_COLOR is honoured.")
    var theme: String?

    @OptionGroup var home: HomeOptions

    func validate() throws {
        if let theme, Theme.named(theme) == nil {
            throw ValidationError(
                "unknown theme '\(theme)'; choose one of \(Theme.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let backend: RemoteAdminWatchBackend
        do {
            let store = try LocalDatabase.open(directory: home.directory)
            let address = try await ServerChoice.resolve(
                server, environment: ProcessInfo.processInfo.environment, store: store)
            backend = try await AdminWatchSetup.connect(
                server: address, store: store, transport: AsyncHTTPTransport(), clock: WallClock(),
                passphrase: PassphrasePrompt.unlocking)
        } catch {
            StandardStreams.err("gnapterm admin: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
        let environment = ProcessInfo.processInfo.environment
        try await AdminWatchApp.run(
            backend: backend, theme: Theme.resolve(name: theme, environment: environment), bell: bell)
    }
}
