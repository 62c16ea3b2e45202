import Crypto
import Foundation
import HTTPMessageSignatures
import SwiftASN1
import X509

/// An X.509 certificate that stands for a client's key (RFC 9635 §7.1 `cert`, §7.3.2 `mtls`): its DER, its
/// RFC 8705 §3.1 thumbprint (the `cert#S256` form) and, when its key type is one proofs can use, its public key
/// as a JWK. No chain or validity-period check: §7.3.2 notes that GNAP trusts the certificate through the key
/// binding (registration or first use), not through a PKI.
public struct ClientCertificate: Sendable, Hashable {
    /// The certificate as DER, byte for byte as received.
    public let der: [UInt8]
    /// `BASE64URL(SHA-256(DER))`, the `cert#S256` value of this certificate.
    public let thumbprintS256: String
    /// The certificate's public key (no `kid`, no `alg`), or nil when its type is not one this project signs with
    /// (such a certificate can still be matched by thumbprint for `mtls`).
    public let publicJWK: JWK?

    /// The longest certificate accepted, in DER bytes.
    public static let maximumLength = 16 * 1024

    /// Reads a DER certificate.
    public init(der: [UInt8]) throws(ClientCertificateError) {
        guard der.count <= Self.maximumLength else { throw .tooLarge }
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw .malformed
        }
        self.der = der
        thumbprintS256 = Self.thumbprint(ofDER: der)
        var serializer = DER.Serializer()
        do {
            try serializer.serialize(certificate.publicKey)
            publicJWK = try JWK(subjectPublicKeyInfo: serializer.serializedBytes)
        } catch {
            publicJWK = nil
        }
    }

    /// Reads the `cert` value of §7.1: "PEM serialized value of the certificate ... with optional internal
    /// whitespace per RFC 7468. The PEM header and footer are optionally removed."
    public init(keyValue: String) throws(ClientCertificateError) {
        var body = Substring(keyValue)
        let header = "-----BEGIN CERTIFICATE-----"
        let footer = "-----END CERTIFICATE-----"
        let trimmed = keyValue.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix(header) {
            guard trimmed.hasSuffix(footer), trimmed.count >= header.count + footer.count else { throw .malformed }
            body = trimmed.dropFirst(header.count).dropLast(footer.count)
        }
        // RFC 7468 §3: whitespace may appear between the base64 characters; standard base64 with padding (§2).
        var base64 = String(body.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) })
        if base64.utf8.count % 4 != 0 { base64 += String(repeating: "=", count: 4 - base64.utf8.count % 4) }
        guard base64.utf8.count <= Self.maximumLength * 4 / 3 + 4 else { throw .tooLarge }
        guard let der = Data(base64Encoded: base64) else { throw .malformed }
        try self.init(der: [UInt8](der))
    }

    /// The `cert` value to send: the DER in standard base64, without PEM header and footer.
    public var keyValue: String { Data(der).base64EncodedString() }

    /// Whether `thumbprint` (a `cert#S256` value) names this certificate. RFC 9635 §7.1 asks for base64url; a
    /// standard base64 rendering of the same 32 bytes (as some deployed clients send) is accepted too, since it
    /// names the same digest. Compared in constant time.
    public func matches(thumbprint: String) -> Bool {
        guard let received = Self.digestBytes(ofThumbprint: thumbprint) else { return false }
        return constantTimeEquals(received, [UInt8](SHA256.hash(data: der)))
    }

    static func thumbprint(ofDER der: [UInt8]) -> String { Base64URL.encode(SHA256.hash(data: der)) }

    /// The 32 digest bytes of a `cert#S256` value, or nil when it is not a base64url or base64 SHA-256 digest.
    static func digestBytes(ofThumbprint thumbprint: String) -> [UInt8]? {
        let bytes = Base64URL.decodeCanonical(thumbprint.utf8) ?? Data(base64Encoded: thumbprint).map { [UInt8]($0) }
        guard let bytes, bytes.count == SHA256.byteCount else { return nil }
        return bytes
    }
}

/// Why a certificate was refused; the sentences are safe to return to the client.
public enum ClientCertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed
    case tooLarge

    public var description: String {
        switch self {
        case .malformed: "the certificate is not a PEM or base64 DER X.509 certificate"
        case .tooLarge: "the certificate is larger than \(ClientCertificate.maximumLength) bytes"
        }
    }
}
