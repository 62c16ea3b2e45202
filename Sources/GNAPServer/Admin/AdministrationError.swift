import GNAP

/// Why an account or device operation was refused; the admin API answers it as RFC 9635-style error JSON, the CLI
/// prints ``description``.
public struct AdministrationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case invalid
        case notFound
        case conflict
        case storage
    }

    public let kind: Kind
    public let message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    var apiError: APIError {
        switch kind {
        case .invalid: APIError(.badRequest, GNAPError(.invalidRequest, message))
        case .notFound: APIError(.notFound, GNAPError(.notFound, message))
        case .conflict: APIError(.conflict, GNAPError(.conflict, message))
        case .storage: APIError(.internalServerError, GNAPError(.requestDenied, message))
        }
    }
}

extension GNAPError.Code {
    /// The resource already exists or the change would contradict the AS's state.
    public static let conflict = GNAPError.Code(rawValue: "conflict")
}
