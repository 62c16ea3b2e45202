import GNAPClient

/// Why a command could not start or finish, as one line a person can act on.
public struct SessionError: Error, Sendable, CustomStringConvertible {
    public let description: String

    package init(_ description: String) { self.description = description }

    package static func invalidServer(_ input: String) -> SessionError {
        SessionError("'\(input)' is not an authorization server address (expected e.g. http://127.0.0.1:8080)")
    }

    package static func notEnrolled(_ server: String) -> SessionError {
        SessionError(
            "this terminal is not enrolled at \(server); run: gnapterm approve --as \(server) --enroll CODE")
    }

    /// Not enrolled at the AS whose public URL is `server`, reached as `input`; `elsewhere` are the servers this
    /// terminal is enrolled at.
    package static func notEnrolled(_ server: String, reachedAs input: String, elsewhere: [String]) -> SessionError {
        var text = "this terminal is not enrolled at \(server)"
        if input != server { text += " (the authorization server at \(input) calls itself \(server))" }
        if !elsewhere.isEmpty {
            text += "; it is enrolled at " + elsewhere.joined(separator: ", ")
            if elsewhere.count == 1 { text += " (run: gnapterm approve --as \(elsewhere[0]))" }
        }
        return SessionError(text + "; to enroll here, run: gnapterm approve --as \(server) --enroll CODE")
    }

    package static let enrollNeedsServer = SessionError(
        "--enroll needs the address of the AS to enroll at: give --as URL (or set \(ServerChoice.environmentVariable))")

    package static func client(_ error: GNAPClientError) -> SessionError { SessionError(error.description) }

    package static func store(_ error: any Error) -> SessionError { SessionError("local store: \(error)") }

    package static func sealed(_ server: String) -> SessionError {
        SessionError("the device key for \(server) is sealed; a passphrase is needed to open it")
    }

    package static func invalidAccess(_ detail: String) -> SessionError { SessionError("invalid --access: \(detail)") }
}
