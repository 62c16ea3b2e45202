import HTTPMessageSignatures

extension ClientKeyBinding {
    /// The signature and content-digest algorithms a key's proofs use.
    /// - `httpsig` object form: both declared (§7.3.1, both REQUIRED);
    /// - `httpsig` string form, `jwsd`, `jws`: the algorithm the key determines (its `alg`, or its type), SHA-256
    ///   (§7.3.1; §7.3.3 and §7.3.4 hard-code SHA-256 for content and `ath`);
    /// - `mtls`: nothing is signed at the HTTP layer; any key type with a public key will do.
    static func algorithms(
        for proof: ProofMethod, jwk: JWK, fromCertificate: Bool
    ) throws(GNAPError) -> (SignatureAlgorithm, DigestAlgorithm) {
        guard jwk.alg != "none" else { throw GNAPError(.invalidClient, "a JWK's 'alg' must not be 'none' (§7.1)") }
        let algorithm: SignatureAlgorithm
        var digest = DigestAlgorithm.sha256
        if proof.method == "httpsig" && proof.isObjectForm {
            guard let name = proof.algorithm, let declared = SignatureAlgorithm(rawValue: name) else {
                throw GNAPError(.invalidClient, "proof 'alg' is missing or not a supported HTTP signature algorithm")
            }
            guard let digestName = proof.contentDigestAlgorithm,
                let declaredDigest = DigestAlgorithm(rawValue: digestName)
            else {
                throw GNAPError(.invalidClient, "proof 'content-digest-alg' must be 'sha-256' or 'sha-512'")
            }
            algorithm = declared
            digest = declaredDigest
        } else if proof.method == "mtls" {
            algorithm = jwk.impliedAlgorithm ?? .rsaV15SHA256
        } else if let implied = jwk.impliedAlgorithm {
            algorithm = implied
        } else if fromCertificate {
            throw GNAPError(
                .invalidClient,
                "an RSA certificate does not say which algorithm it signs with; send the key as a JWK with 'alg'"
                    + (proof.method == "httpsig" ? " or use the object form of 'proof' with 'alg'" : ""))
        } else {
            throw GNAPError(.invalidClient, "cannot determine the signature algorithm from the JWK; add 'alg'")
        }
        guard algorithm != .hmacSHA256 else {
            throw GNAPError(.invalidClient, "a shared secret cannot be sent as a client key")
        }
        return (algorithm, digest)
    }
}
