import GNAP

/// The RFC 9635 §9 discovery document, derived from the running configuration so that it always says what the AS
/// actually accepts: the request policy (start modes, finish methods, formats, key rotation), the proof methods
/// the client-key check accepts and the interaction hash methods it computes.
enum GrantDiscovery {
    static func document(policy: GrantRequestPolicy, publicURL: PublicURL) -> GrantServerDiscovery {
        GrantServerDiscovery(
            grantRequestEndpoint: publicURL.grantEndpoint,
            interactionStartModesSupported: policy.supportedStartModes.sorted(),
            interactionFinishMethodsSupported: policy.supportedFinishMethods.sorted(),
            keyProofsSupported: policy.orderedProofMethods,
            subIDFormatsSupported: policy.supportedSubjectFormats.sorted(),
            assertionFormatsSupported: policy.supportedAssertionFormats.sorted(),
            keyRotationSupported: policy.allowsTokenKeyRotation,
            jwksURI: policy.supportedAssertionFormats.isEmpty ? nil : publicURL.jwksURI,
            // Only meaningful when a finish method is offered (the hash is sent with the finish, §4.2.3).
            interactionHashMethodsSupported: policy.supportedFinishMethods.isEmpty
                ? nil : InteractionHashMethod.supported.map(\.name))
    }
}
