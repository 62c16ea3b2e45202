import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import GNAPStorage
import TerminalApps

struct DeviceSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device",
        abstract: "Act as a headless device: request access with a user code (or a link) and wait for approval.",
        discussion: "Exit status: 0 granted (tokens on stdout), 3 denied, 4 expired, 1 any other failure.")

    @Option(name: .customLong("as"), help: "The authorization server, e.g. http://127.0.0.1:8080.")
    var server: String

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
            "Interaction start modes to ask for, comma-separated: user_code, user_code_uri, redirect, app.",
            valueName: "modes"))
    var interact: String = "user_code,user_code_uri"

    @Option(
        help: ArgumentHelp(
            "Ask the AS to signal the end of the interaction instead of polling: 'push' (the AS calls this device "
                + "on a loopback port) or 'redirect' (the approver opens a loopback link).",
            valueName: "method"))
    var finish: String?

    @OptionGroup var home: HomeOptions

    func validate() throws {
        guard (access == nil) != (accessFile == nil) else {
            throw ValidationError("give exactly one of --access JSON or --access-file FILE")
        }
        do {
            _ = try DeviceCommand<WallClock>.parseStartModes(interact)
        } catch {
            throw ValidationError(error.description)
        }
        if let finish, FinishMethod(rawValue: finish) == nil {
            throw ValidationError("unknown --finish method '\(finish)'; use push or redirect")
        }
    }

    func run() async throws {
        let accessJSON: String
        if let accessFile {
            guard let data = FileManager.default.contents(atPath: accessFile) else {
                StandardStreams.err("gnapterm device: cannot read \(accessFile)\n")
                throw ExitCode(1)
            }
            accessJSON = String(decoding: data, as: UTF8.self)
        } else {
            accessJSON = access ?? ""
        }
        let store: LocalDatabase
        do {
            store = try LocalDatabase.open(directory: home.directory)
        } catch {
            StandardStreams.err("gnapterm device: cannot open the local store: \(error)\n")
            throw ExitCode(1)
        }
        let command = DeviceCommand(
            server: server, accessJSON: accessJSON, displayName: name, json: json, transport: AsyncHTTPTransport(),
            keyStore: store, clock: WallClock(), stdout: StandardStreams.out, stderr: StandardStreams.err,
            stderrIsTerminal: StandardStreams.stderrIsTerminal,
            startModes: (try? DeviceCommand<WallClock>.parseStartModes(interact)) ?? [],
            finish: finish.flatMap(FinishMethod.init(rawValue:)))
        let status = await command.run()
        if status != 0 { throw ExitCode(status) }
    }
}
