import ArgumentParser
import Foundation
import TerminalApps
import TerminalSession
import TerminalStorage

/// `--as URL` and `--home DIR` of the `keys` subcommands that act on one AS's device key.
struct KeyTargetOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: "The authorization server the key is enrolled at (default: $GNAPTERM_AS, else the only one).")
    var server: String?

    @OptionGroup var home: HomeOptions

    /// The normalized server address and the key vault over this terminal's store.
    func open() async throws -> (address: String, vault: DeviceKeyVault) {
        let store = try LocalDatabase.open(directory: home.directory)
        let address = try await ServerChoice.resolve(
            server, environment: ProcessInfo.processInfo.environment, store: store)
        return (address, DeviceKeyVault(store: store))
    }
}
