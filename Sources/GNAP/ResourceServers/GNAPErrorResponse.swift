/// An error answer with nothing else in it: `{"error": {"code": …, "description": …}}`. RFC 9767 §3.5 gives the
/// RS-facing API this shape (the error as an object or a bare code string); resource servers answer clients with it
/// too. Grant responses carry their error in ``GrantResponse/error`` instead, beside `continue`.
public struct GNAPErrorResponse: Sendable, Hashable, Codable {
    public var error: GNAPError

    public init(_ error: GNAPError) { self.error = error }

    private enum CodingKeys: String, CodingKey {
        case error
    }
}
