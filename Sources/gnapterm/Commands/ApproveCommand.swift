import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage
import TerminalUI

struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve or deny a device's request: enter its code (or give its link), review, decide.")

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The authorization server, e.g. http://127.0.0.1:8080 (default: $GNAPTERM_AS, else the one AS this "
                + "terminal is enrolled at)."))
    var server: String?

    @Argument(
        help: ArgumentHelp(
            "An interaction URL (http://…/interact/…) or app URI (gnapterm:approve?…) a device shows: open that "
                + "request directly instead of entering a code.", valueName: "link"))
    var interaction: String?

    @Option(help: "Enroll this terminal first, with a one-time enrollment code from the AS.")
    var enroll: String?

    @Option(help: "Name of this terminal as shown to admins (with --enroll).")
    var deviceName: String = ProcessInfo.processInfo.hostName

    @Flag(help: "Line-by-line prompts instead of the full-screen app (screen readers, scripts).")
    var plain = false

    @Option(help: "Colour theme: \(Theme.all.map(\.name).joined(separator: ", ")). NO_COLOR is honoured.")
    var theme: String?

    @OptionGroup(title: "Inbox") var inbox: InboxWatchOptions

    @OptionGroup var home: HomeOptions

    func validate() throws {
        if let interaction {
            do {
                _ = try InteractionLocator(parsing: interaction)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let theme, Theme.named(theme) == nil {
            throw ValidationError(
                "unknown theme '\(theme)'; choose one of \(Theme.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let backend: RemoteApproverBackend<WallClock>
        do {
            let store = try LocalDatabase.open(directory: home.directory)
            let environment = ProcessInfo.processInfo.environment
            if enroll != nil, ServerChoice.chosen(server, environment: environment) == nil {
                throw SessionError.enrollNeedsServer
            }
            let address = try await ServerChoice.resolve(server, environment: environment, store: store)
            let setup = ApproverSetup(transport: AsyncHTTPTransport(), store: store, clock: WallClock())
            backend = try await setup.connect(
                server: address, enrollCode: enroll, deviceName: deviceName, passphrase: PassphrasePrompt.unlocking)
        } catch {
            StandardStreams.err("gnapterm approve: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
        if enroll != nil {
            StandardStreams.err(
                "Enrolled this terminal as \(backend.identity.username) at \(backend.identity.server).\n")
        }
        if plain, inbox.watch {
            let watcher = PlainInboxWatcher(
                backend: backend, lines: StandardInputLines.stream(), write: { StandardStreams.out($0) },
                rings: !inbox.noNotify)
            let status = await watcher.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        if plain {
            let approver = PlainApprover(
                backend: backend, readLine: { Swift.readLine(strippingNewline: true) },
                write: { StandardStreams.out($0) }, interaction: interaction)
            let status = await approver.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        let environment = ProcessInfo.processInfo.environment
        try await ApproverApp.run(
            backend: backend, theme: Theme.resolve(name: theme, environment: environment), hint: nil,
            interaction: interaction, inbox: inbox.options(environment: environment))
    }
}
