import ArgumentParser
import Foundation
import TerminalApps
import TerminalSession
import TerminalStorage

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Print the decisions taken at this terminal, newest first.")

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "At most this many decisions (1 or more).")
    var limit: Int = 1000

    @Option(help: "Only the decisions with every one of these words (client, grant, rights, reason, …).")
    var search: String?

    @OptionGroup var home: HomeOptions

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more (it is \(limit))") }
    }

    func run() async throws {
        do {
            let store = try LocalDatabase.open(directory: home.directory)
            let decisions =
                if let search { try await store.searchDecisions(matching: search, limit: limit) } else {
                    try await store.decisions(limit: limit)
                }
            if let search, decisions.isEmpty, !json {
                StandardStreams.out("No decision matches “\(search)”.\n")
                return
            }
            StandardStreams.out(
                json ? try HistoryPrinter.json(decisions) : HistoryPrinter.text(decisions, timeZone: .current))
        } catch {
            StandardStreams.err("gnapterm history: \(ErrorSentence.describe(error))\n")
            throw ExitCode(1)
        }
    }
}
