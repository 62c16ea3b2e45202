import ArgumentParser
import Foundation
import TerminalApps
import TerminalSession

/// `--home DIR`: where the terminal side keeps its SQLite store.
struct HomeOptions: ParsableArguments {
    @Option(name: .long, help: "Directory for local state (default: $GNAPTERM_HOME, else $XDG_DATA_HOME/gnapterm).")
    var home: String?

    var directory: URL { LocalPaths.home(override: home, environment: ProcessInfo.processInfo.environment) }
}
