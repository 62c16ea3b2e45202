import Foundation

extension ResourceServerIdentification {
    /// What an AS needs to authenticate the call (RFC 9767 §3.2): the validated key (proof method and algorithms,
    /// as for a client, RFC 9635 §7.3.1), or the reference to look up. Every problem is `invalid_resource_server`.
    public func validated() throws(GNAPError) -> ValidatedResourceServer {
        switch self {
        case .reference(let reference):
            guard !reference.isEmpty, reference.count <= 256 else {
                throw GNAPError(.invalidResourceServer, "the 'resource_server' reference must be 1 to 256 characters")
            }
            return .reference(reference)
        case .value(let value):
            do {
                return .key(try ClientKeyBinding(value.key))
            } catch {
                // The same checks as a client key; only the code and the member differ.
                let detail = (error.errorDescription ?? "the key is unusable")
                    .replacingOccurrences(of: "the client key", with: "the resource server key")
                throw GNAPError(.invalidResourceServer, "'resource_server.key': \(detail)")
            }
        }
    }
}

/// A resource server identification that passed ``ResourceServerIdentification/validated()``.
public enum ValidatedResourceServer: Sendable, Hashable {
    /// By value: the key the call's signature must verify with.
    case key(ClientKeyBinding)
    /// By reference: the instance identifier to look up (the AS knows the key).
    case reference(String)
}
