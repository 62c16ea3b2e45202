import Foundation
import HTTPMessageSignatures

/// The `mtls` proof (§7.3.2): "The verifier compares the TLS client certificate presented during mutual TLS
/// negotiation to the expected key of the signer. Since the TLS connection covers the entire message, there are
/// no additional requirements to check." A pure comparison: the caller takes the certificate from its TLS
/// connection (or, when configured, from a trusted proxy's `Client-Cert` field, ``clientCertificate(fromField:)``).
public enum MTLSProof {
    /// Matches `clientCertificate` (DER) against an `mtls` key binding: a key given as `cert` or `cert#S256` must be
    /// that very certificate (its SHA-256 thumbprint); a key given as `jwk` must be the certificate's public key.
    public static func verify(
        clientCertificate: [UInt8]?, binding: ClientKeyBinding
    ) -> Result<ClientCertificate, MTLSProofFailure> {
        guard binding.proof.method == "mtls" else { return .failure(.notMTLS(binding.proof.method)) }
        guard let der = clientCertificate, !der.isEmpty else { return .failure(.noClientCertificate) }
        let certificate: ClientCertificate
        do {
            certificate = try ClientCertificate(der: der)
        } catch {
            return .failure(.malformedCertificate(error))
        }
        if let thumbprint = binding.certificateThumbprint {
            return certificate.matches(thumbprint: thumbprint) ? .success(certificate) : .failure(.certificateMismatch)
        }
        guard let presented = try? certificate.publicJWK?.thumbprint(),
            constantTimeEquals(Array(presented.utf8), Array(binding.thumbprint.utf8))
        else { return .failure(.keyMismatch) }
        return .success(certificate)
    }

    /// The certificate in an RFC 9440 `Client-Cert` field (a structured-field byte sequence, `:base64 DER:`), as a
    /// TLS-terminating proxy forwards it. Only meaningful behind a proxy the operator trusts to set it (§11.3).
    public static func clientCertificate(fromField value: String) -> [UInt8]? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix(":"), trimmed.hasSuffix(":") else { return nil }
        let base64 = trimmed.dropFirst().dropLast()
        // RFC 9651 §3.3.5: standard base64 alphabet (padding as generated).
        guard base64.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }),
            let data = Data(base64Encoded: String(base64)), !data.isEmpty
        else { return nil }
        return [UInt8](data)
    }
}

/// Why an `mtls` proof was refused; mapped by the caller to `invalid_client` (or `invalid_rotation`).
public enum MTLSProofFailure: Error, Sendable, Hashable, CustomStringConvertible {
    case notMTLS(String)
    case noClientCertificate
    case malformedCertificate(ClientCertificateError)
    /// The presented certificate is not the bound certificate.
    case certificateMismatch
    /// The presented certificate's key is not the bound key.
    case keyMismatch

    public var description: String {
        switch self {
        case .notMTLS(let method): "the key's proof method is '\(method)', not 'mtls'"
        case .noClientCertificate: "the key's proof method is mtls, but no TLS client certificate was presented"
        case .malformedCertificate(let error): "the TLS client certificate cannot be read: \(error)"
        case .certificateMismatch: "the TLS client certificate is not the client's certificate"
        case .keyMismatch: "the TLS client certificate does not carry the client's key"
        }
    }

    public func gnapError(_ code: GNAPError.Code = .invalidClient) -> GNAPError { GNAPError(code, description) }
}
