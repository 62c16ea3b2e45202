import ArgumentParser
import Foundation
import TerminalSession

@main
struct GNAPTerm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnapterm",
        abstract: "GNAP (RFC 9635) from a terminal: an authorization server, an approver, and a headless device.",
        discussion: "Run without a subcommand for the self-contained demo.",
        version: GNAPTermVersion.current,
        subcommands: [
            DemoCommand.self, ServeCommand.self, DeviceSubcommand.self, ApproveCommand.self, HistoryCommand.self,
            KeysCommand.self,
            AdminCommand.self,
            DatabaseCommand.self,
            ResourceServerCommand.self, CallCommand.self,
            HTTPSigCommand.self,
        ],
        defaultSubcommand: DemoCommand.self)

    /// A mistyped subcommand gets "did you mean …?" before ArgumentParser would run the default one with it.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandSuggestion.message(for: arguments, in: tree(Self.self)) {
            StandardStreams.err(message + "\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        EventLoopExecutor.installIfServing(arguments: arguments)
        await main(nil)
    }

    static func tree(_ command: any ParsableCommand.Type) -> CommandSuggestion.Tree {
        CommandSuggestion.Tree(
            name: command._commandName, subcommands: command.configuration.subcommands.map { tree($0) })
    }
}

/// The version `gnapterm --version` prints.
enum GNAPTermVersion {
    static let current = "0.1.0"
}
