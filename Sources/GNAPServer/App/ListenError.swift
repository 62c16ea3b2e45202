import Glibc
import NIOCore

/// The listener could not be bound, in one sentence that names the address ("127.0.0.1:8080 is in use: …") instead
/// of the socket call's errno.
public struct ListenError: Error, Sendable, Hashable, CustomStringConvertible {
    public let address: String
    public let reason: String

    public var description: String { "\(address) is \(reason)" }

    /// The sentence for a bind failure, or nil for any other error.
    init?(_ error: any Error, address: String) {
        guard let error = error as? IOError else { return nil }
        self.address = address
        switch error.errnoCode {
        case EADDRINUSE:
            reason =
                "in use: another process listens there; stop it, or give this AS another address with --listen"
        case EACCES:
            reason = "not open to this user: ports below 1024 need privileges; use a higher port with --listen"
        case EADDRNOTAVAIL:
            reason = "not an address of this machine; give one of its addresses with --listen"
        default:
            return nil
        }
    }
}
