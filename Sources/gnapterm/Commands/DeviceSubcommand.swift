import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage
import TerminalUI

struct DeviceSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Act as a headless device: request access with a user code (or a link) and wait for approval.",
        discussion: """
            On a terminal the device shows the code in large letters, a QR code of the address to enter it at, a \
            countdown and a status line (q or Ctrl-C gives up); otherwise it prints plain lines on stderr. The \
            tokens go to stdout (or --output FILE) and are kept in the home for 'gnapterm device token'.
            Exit status: 0 granted, 3 denied, 4 expired, 1 any other failure.
            """,
        subcommands: [DeviceTokenSubcommand.self, DeviceKeySubcommand.self])

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The authorization server, e.g. http://127.0.0.1:8080 (default: $GNAPTERM_AS, else the one AS this "
                + "terminal is enrolled at as an approver)."))
    var server: String?

    @Option(help: #"The RFC 9635 'access' array as JSON, e.g. '[{"type":"photo-api","actions":["read"]}]'."#)
    var access: String?

    @Option(help: "Read the 'access' array from this file.")
    var accessFile: String?

    @Option(help: "The name this device shows to the approver (self-asserted).")
    var name: String = "gnapterm device"

    @Flag(help: "Print one JSON object per line instead of the human display.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "Write the tokens to this file (created with mode 0600; a symbolic link is refused) instead of stdout.",
            valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Colour theme of the display: default, high-contrast, monochrome.", valueName: "name"))
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "Interaction start modes to ask for, comma-separated: user_code, user_code_uri, redirect, app "
                + "(default user_code,user_code_uri; none with --user unless given).",
            valueName: "modes"))
    var interact: String?

    @Option(
        help: ArgumentHelp(
            "Ask the AS to signal the end of the interaction instead of polling: 'push' (the AS calls this device "
                + "on a loopback port) or 'redirect' (the approver opens a loopback link).",
            valueName: "method"))
    var finish: String?

    @OptionGroup(title: "Asking a user on their own terminal") var asynchronous: AsynchronousDeviceOptions

    @OptionGroup var home: HomeOptions

    /// The start modes asked for: none for an asynchronous request unless `--interact` names some.
    var startModes: String { interact ?? (asynchronous.user == nil ? "user_code,user_code_uri" : "") }

    /// Checked in `run` rather than `validate()`: ArgumentParser validates every command on the path, so the
    /// checks would also refuse `gnapterm device token show`, which needs none of these options.
    func checkArguments() throws {
        if let theme, Theme.named(theme) == nil {
            throw ValidationError("unknown --theme '\(theme)'; use default, high-contrast or monochrome")
        }
        guard (access == nil) != (accessFile == nil) else {
            throw ValidationError("give exactly one of --access JSON or --access-file FILE")
        }
        do {
            if !startModes.isEmpty { _ = try DeviceCommand<WallClock>.parseStartModes(startModes) }
            try asynchronous.check()
        } catch {
            throw ValidationError(String(describing: error))
        }
        if let finish, FinishMethod(rawValue: finish) == nil {
            throw ValidationError("unknown --finish method '\(finish)'; use push or redirect")
        }
    }

    func run() async throws {
        do {
            try checkArguments()
        } catch {
            StandardStreams.err("Error: \(error)\nSee 'gnapterm device --help' for more information.\n")
            throw ExitCode.validationFailure
        }
        let accessJSON: String
        if let accessFile {
            guard let data = FileManager.default.contents(atPath: accessFile) else {
                let why = FileManager.default.fileExists(atPath: accessFile) ? "permission denied" : "no such file"
                StandardStreams.err("gnapterm device: cannot read the --access-file \(accessFile) (\(why))\n")
                throw ExitCode(1)
            }
            accessJSON = String(decoding: data, as: UTF8.self)
        } else {
            accessJSON = access ?? ""
        }
        let store: LocalDatabase
        let address: String
        do {
            store = try LocalDatabase.open(directory: home.directory)
            address = try await ServerChoice.resolve(
                server, environment: ProcessInfo.processInfo.environment, store: store)
        } catch {
            StandardStreams.err("gnapterm device: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
        // Full screen only on a terminal (curses needs both ends); else plain lines, leaving stdout to the tokens.
        let display: DeviceCommand<WallClock>.Display =
            json
            ? .json
            : StandardStreams.stdoutIsTerminal && StandardStreams.stdinIsTerminal
                ? .fullScreen(Theme.resolve(name: theme, environment: ProcessInfo.processInfo.environment)) : .plain
        var command = DeviceCommand(
            server: address, accessJSON: accessJSON, displayName: name, display: display, outputPath: output,
            transport: AsyncHTTPTransport(), keyStore: store, grantStore: store, clock: WallClock(),
            stdout: StandardStreams.out, stderr: StandardStreams.err,
            startModes: startModes.isEmpty ? [] : (try? DeviceCommand<WallClock>.parseStartModes(startModes)) ?? [],
            finish: finish.flatMap(FinishMethod.init(rawValue:)))
        command.user = asynchronous.user
        command.agent = asynchronous.agentDescription
        // SIGINT, SIGTERM and SIGHUP cancel the flow, which withdraws the request at the AS (RFC 9635 §5.4) before
        // the process ends by the signal.
        let outcome = await SignalCancellation.run { [command] in await command.run() }
        if let signal = outcome.signal { SignalCancellation.terminate(by: signal) }
        if outcome.value != 0 { throw ExitCode(outcome.value) }
    }
}
