import GNAP

/// The `interact` member of a grant response (RFC 9635 §3.3) for the start modes a request asked for.
enum InteractionOffer {
    /// `user_code` (§3.3.3) and `user_code_uri` (§3.3.4) as requested, with how long the code works.
    static func response(startModes: [String], code: UserCode, lifetime: Duration, publicURL: PublicURL)
        -> InteractResponse
    {
        InteractResponse(
            userCode: startModes.contains(StartMode.userCode) ? code.display : nil,
            userCodeURI: startModes.contains(StartMode.userCodeURI)
                ? UserCodeURI(code: code.display, uri: publicURL.userCodePage) : nil,
            expiresIn: Int(lifetime.components.seconds))
    }
}
