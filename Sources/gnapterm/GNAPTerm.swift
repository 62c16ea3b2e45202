import ArgumentParser

@main
struct GNAPTerm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gnapterm",
        abstract: "GNAP (RFC 9635) from a terminal: an authorization server, an approver, and a headless device.",
        discussion: "Run without a subcommand for the self-contained demo.",
        subcommands: [
            DemoCommand.self, ServeCommand.self, DeviceSubcommand.self, ApproveCommand.self, HistoryCommand.self,
            KeysCommand.self,
            AdminCommand.self,
            DatabaseCommand.self,
            HTTPSigCommand.self,
        ],
        defaultSubcommand: DemoCommand.self)
}
