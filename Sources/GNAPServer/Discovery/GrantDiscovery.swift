import GNAP

/// The RFC 9635 §9 discovery document, derived from the running configuration so that it always says what the AS
/// actually accepts: the request policy (start modes, finish methods, formats, key rotation) and the proof methods
/// the client-key check knows.
enum GrantDiscovery {
    static func document(_ services: ASServices) -> GrantServerDiscovery {
        let policy = services.configuration.requestPolicy
        return GrantServerDiscovery(
            grantRequestEndpoint: services.grantEndpoint,
            interactionStartModesSupported: policy.supportedStartModes.sorted(),
            interactionFinishMethodsSupported: policy.supportedFinishMethods.sorted(),
            keyProofsSupported: ClientKeyBinding.supportedProofMethods,
            subIDFormatsSupported: policy.supportedSubjectFormats.sorted(),
            assertionFormatsSupported: policy.supportedAssertionFormats.sorted(),
            keyRotationSupported: policy.allowsTokenKeyRotation,
            jwksURI: policy.supportedAssertionFormats.isEmpty ? nil : services.jwksURI)
    }
}
