import Foundation

/// Where the terminal side keeps its state: `--home` if given, else `$GNAPTERM_HOME`, else the XDG data directory
/// (`$XDG_DATA_HOME/gnapterm`, default `~/.local/share/gnapterm`).
public enum LocalPaths {
    public static func home(override: String?, environment: [String: String]) -> URL {
        if let override, !override.isEmpty { return URL(fileURLWithPath: override) }
        if let home = environment["GNAPTERM_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        // XDG Base Directory spec: a relative XDG_DATA_HOME is invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data).appendingPathComponent("gnapterm")
        }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/gnapterm")
    }
}
