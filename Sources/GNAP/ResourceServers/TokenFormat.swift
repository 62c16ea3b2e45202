/// Access token formats of the GNAP Token Formats registry (RFC 9767 §6.3.2). Wherever a format is named
/// explicitly it "MUST be one of the registered values" (§2.2).
public enum TokenFormat {
    /// A JSON Web Token signed with JWS (RFC 7519).
    public static let jwtSigned = "jwt-signed"
    /// A JSON Web Token encrypted with JWE (RFC 7519).
    public static let jwtEncrypted = "jwt-encrypted"
    public static let macaroon = "macaroon"
    public static let biscuit = "biscuit"
    public static let zcap = "zcap"

    /// Every registered format.
    public static let registered: Set<String> = [jwtSigned, jwtEncrypted, macaroon, biscuit, zcap]

    /// Refuses an unregistered format with `invalid_request`, naming the member and the value.
    static func checkRegistered(_ formats: [String], member: String) throws(GNAPError) {
        for format in formats where !registered.contains(format) {
            throw GNAPError(
                .invalidRequest,
                "'\(member)' names '\(format.prefix(64))', which is not a registered token format ("
                    + registered.sorted().joined(separator: ", ") + ")")
        }
    }
}
