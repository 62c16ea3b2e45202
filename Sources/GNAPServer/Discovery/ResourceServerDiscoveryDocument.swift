import GNAP

/// The RFC 9767 §3.1 document at `/.well-known/gnap-as-rs`, derived from the running configuration so that each
/// member is present exactly when the AS offers what it names.
enum ResourceServerDiscoveryDocument {
    static func document(settings: ResourceServerSettings, publicURL: PublicURL) -> ResourceServerDiscovery {
        let formats = ResourceServerSettings.supportedTokenFormats
        return ResourceServerDiscovery(
            grantRequestEndpoint: publicURL.grantEndpoint,
            introspectionEndpoint: settings.offersIntrospection ? publicURL.introspectionEndpoint : nil,
            tokenFormatsSupported: formats,
            resourceRegistrationEndpoint: settings.offersRegistration ? publicURL.resourceRegistrationEndpoint : nil,
            // RSes authenticate with the same proofs as clients (§3.2).
            keyProofsSupported: ClientKeyBinding.supportedProofMethods,
            interactionEndpoint: publicURL.interactionEndpoint,
            jwksURI: formats.contains(TokenFormat.jwtSigned) ? publicURL.jwksURI : nil)
    }
}
