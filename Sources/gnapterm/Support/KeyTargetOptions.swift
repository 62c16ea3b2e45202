import ArgumentParser
import TerminalApps
import TerminalSession
import TerminalStorage

/// `--as URL` and `--home DIR` of the `keys` subcommands that act on one AS's device key.
struct KeyTargetOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The authorization server the key is enrolled at.")
    var server: String

    @OptionGroup var home: HomeOptions

    /// The normalized server address and the key vault over this terminal's store.
    func open() throws -> (address: String, vault: DeviceKeyVault) {
        let address = try ServerAddress.normalize(server)
        return (address, DeviceKeyVault(store: try LocalDatabase.open(directory: home.directory)))
    }
}
