import Foundation

/// Which authorization server a command talks to when `--as` is left out, like gh's hosts file: `$GNAPTERM_AS`,
/// else the one AS this terminal's home is enrolled at. Several enrollments and none are each a sentence that says
/// how to choose.
public enum ServerChoice {
    /// The environment variable that names the AS for every command.
    public static let environmentVariable = "GNAPTERM_AS"

    /// `explicit` (from `--as`) when given, else `$GNAPTERM_AS`, else the only AS with an identity in `store`;
    /// normalized like a typed address.
    public static func resolve(
        _ explicit: String?, environment: [String: String], store: any ApproverKeyStore
    ) async throws(SessionError) -> String {
        if let chosen = chosen(explicit, environment: environment) { return try ServerAddress.normalize(chosen) }
        let servers: [String]
        do {
            servers = try await store.approverIdentities().map(\.server)
        } catch {
            throw .store(error)
        }
        switch servers.count {
        case 1:
            return servers[0]
        case 0:
            throw SessionError(
                "no --as given, and this terminal is not enrolled at any authorization server; give --as URL (or "
                    + "set \(environmentVariable)), or enroll first: gnapterm approve --as URL --enroll CODE")
        default:
            throw SessionError(
                "no --as given, and this terminal is enrolled at \(servers.count) authorization servers ("
                    + servers.joined(separator: ", ") + "); choose one with --as URL or \(environmentVariable)")
        }
    }

    /// `explicit`, else a non-empty `$GNAPTERM_AS`; nil when neither names an AS.
    public static func chosen(_ explicit: String?, environment: [String: String]) -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        if let named = environment[environmentVariable], !named.trimmingCharacters(in: .whitespaces).isEmpty {
            return named
        }
        return nil
    }
}
