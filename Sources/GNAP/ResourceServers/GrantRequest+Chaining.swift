extension GrantRequest {
    /// Whether this is a token chaining request (RFC 9767 §4): it carries `existing_access_token`.
    public var isTokenChaining: Bool { existingAccessToken != nil }

    /// Checks the shape §4 gives a chaining request, before any policy (`invalid_request` unless noted): the
    /// presented token is a token value; the RS identifies itself with its own key in `client` ("MUST identify
    /// itself with its own key in the `client` field"); it asks for an access token; and it does not offer to
    /// interact, since the derived token is decided by policy with no person involved (the RS "indicates that it
    /// has no ability to interact with the RO"). Returns the presented token.
    public func validateChaining() throws(GNAPError) -> String {
        guard let existingAccessToken else {
            throw GNAPError(.invalidRequest, "'existing_access_token' is required to derive a token")
        }
        guard AccessTokenPresentation.isToken68(existingAccessToken) else {
            throw GNAPError(.invalidRequest, "'existing_access_token' is not a token value (RFC 9635 §3.2.1)")
        }
        guard client != nil else {
            throw GNAPError(.invalidClient, "a chaining request must identify the RS in 'client' (RFC 9767 §4)")
        }
        guard let accessToken, !accessToken.requests.isEmpty else {
            throw GNAPError(.invalidRequest, "a chaining request must ask for an 'access_token'")
        }
        guard interact == nil else {
            throw GNAPError(
                .invalidInteraction, "a derived token is decided without a person; leave out 'interact' (RFC 9767 §4)")
        }
        return existingAccessToken
    }
}
