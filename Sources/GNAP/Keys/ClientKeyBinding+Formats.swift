import HTTPMessageSignatures

/// The rules of RFC 9635 §7.1 and §7.3 on which key formats go with which proofing methods.
extension ClientKeyBinding {
    /// Every proofing method RFC 9635 defines (§7.3); the AS accepts those of ``supportedProofMethods``.
    public static let proofMethods: [String] = ["httpsig", "mtls", "jwsd", "jws"]

    /// The format the key was given in (§7.1).
    public enum Format: String, Sendable, Hashable {
        case jwk
        case cert
        case certS256 = "cert#S256"
    }

    public var format: Format {
        if certificate != nil { return .cert }
        return certificateThumbprint != nil ? .certS256 : .jwk
    }

    /// The key as it is presented back (§3.2.1 `key` of a bound token, §7.1): in the format it was given in.
    public var keyValue: ClientKeyValue {
        switch format {
        case .jwk: ClientKeyValue(proof: proof, jwk: jwk)
        case .cert: ClientKeyValue(proof: proof, jwk: nil, cert: certificate)
        case .certS256: ClientKeyValue(proof: proof, jwk: nil, certS256: certificateThumbprint)
        }
    }

    /// Validates a key by value for one of `methods`:
    /// - exactly one format (§7.1 and §11.35: "one and only one supported format"), a public key only;
    /// - `jwk` with any method; with `jwsd` and `jws` it must carry `kid`, which their JWS header repeats
    ///   (§7.3.3, §7.3.4);
    /// - `cert` with any method: proofs use the certificate's key, `mtls` the certificate itself;
    /// - `cert#S256` with `mtls` only, since it carries no public key (§7.1). The key is then learnt from
    ///   `clientCertificate`, the TLS client certificate, which must match the thumbprint;
    /// - the object form of `proof` (`alg`, `content-digest-alg`) is defined for `httpsig` only (§7.3.1);
    /// - a shared secret is never sent by value (§7.1.2), so HMAC is refused.
    public init(
        _ key: ClientKeyValue, accepting methods: Set<String>, clientCertificate: ClientCertificate? = nil
    ) throws(GNAPError) {
        let method = key.proof.method
        guard methods.contains(method) else {
            let offered = Self.proofMethods.filter(methods.contains).map { "'\($0)'" }.joined(separator: ", ")
            throw GNAPError(.invalidClient, "proof method '\(method)' is not supported; use \(offered)")
        }
        guard method == "httpsig" || !key.proof.isObjectForm else {
            throw GNAPError(.invalidClient, "'alg' and 'content-digest-alg' are parameters of httpsig, not \(method)")
        }
        let formats = [key.jwk != nil, key.cert != nil, key.certS256 != nil].filter { $0 }.count
        guard formats == 1 else {
            throw GNAPError(
                .invalidClient,
                "the client key must be given in exactly one format: 'jwk', 'cert' or 'cert#S256' (§7.1)")
        }
        var certificate: String?
        var certificateThumbprint: String?
        let jwk: JWK
        if let given = key.jwk {
            guard !given.isPrivate else {
                throw GNAPError(
                    .invalidClient, "the client key contains private key material; send the public key only")
            }
            if method == "jwsd" || method == "jws", given.kid?.isEmpty ?? true {
                throw GNAPError(.invalidClient, "a JWK used with \(method) needs 'kid': the JWS header names it")
            }
            jwk = given
        } else if let value = key.cert {
            let parsed: ClientCertificate
            do {
                parsed = try ClientCertificate(keyValue: value)
            } catch {
                throw GNAPError(.invalidClient, "'cert': \(error)")
            }
            jwk = try Self.publicKey(of: parsed)
            certificate = parsed.keyValue
            certificateThumbprint = parsed.thumbprintS256
        } else {
            let thumbprint = key.certS256 ?? ""
            guard method == "mtls" else {
                throw GNAPError(.invalidClient, "'cert#S256' carries no public key, so it can only be used with mtls")
            }
            guard ClientCertificate.digestBytes(ofThumbprint: thumbprint) != nil else {
                throw GNAPError(.invalidClient, "'cert#S256' is not a base64url SHA-256 thumbprint")
            }
            guard let clientCertificate else {
                throw GNAPError(
                    .invalidClient, "a 'cert#S256' key needs the TLS client certificate, and none was presented")
            }
            guard clientCertificate.matches(thumbprint: thumbprint) else {
                throw GNAPError(.invalidClient, "the TLS client certificate does not match 'cert#S256'")
            }
            jwk = try Self.publicKey(of: clientCertificate)
            certificateThumbprint = clientCertificate.thumbprintS256
        }
        let (algorithm, digest) = try Self.algorithms(for: key.proof, jwk: jwk, fromCertificate: key.jwk == nil)
        do {
            _ = try VerificationKey(jwk: jwk, algorithm: algorithm)
            thumbprint = try jwk.thumbprint()
        } catch {
            throw GNAPError(.invalidClient, "the client key is unusable: \(error)")
        }
        self.jwk = jwk
        self.proof = key.proof
        self.algorithm = algorithm
        self.contentDigestAlgorithm = digest
        self.certificate = certificate
        self.certificateThumbprint = certificateThumbprint
    }

    private static func publicKey(of certificate: ClientCertificate) throws(GNAPError) -> JWK {
        guard let jwk = certificate.publicJWK else {
            throw GNAPError(.invalidClient, "the certificate's key type is not Ed25519, P-256, P-384 or RSA")
        }
        return jwk
    }
}
