import Foundation
import HTTPTypes
import RawStructuredFieldValues

/// Signs HTTP requests (RFC 9421 §3.1) by appending a `Signature-Input` and a `Signature` member under a label.
/// Existing signatures are kept: new members are appended as new field lines, never replacing earlier ones (§4.3).
public enum MessageSigner {
    /// Signs `request` with `key`, covering `components`, and appends the result under `label`.
    ///
    /// - Returns: the signature base that was signed (useful for logging in tests and for debugging interop).
    @discardableResult
    public static func sign(
        _ request: inout HTTPRequest, label: String = "sig1", components: [ComponentIdentifier],
        parameters: SignatureParameters, key: SigningKey
    ) throws -> SignatureBase {
        let existing = try SignatureFields.parse(request.headerFields)
        guard existing.first(where: { $0.label == label }) == nil else { throw SigningError.labelInUse(label) }
        guard isValidKey(label) else { throw SigningError.invalidLabel(label) }
        let base = try SignatureBase(message: .request(request), components: components, parameters: parameters)
        let signature = try key.sign(base.bytes)
        request.headerFields.append(HTTPField(name: .signatureInput, value: "\(label)=\(base.signatureParamsValue)"))
        request.headerFields.append(
            HTTPField(name: .signature, value: "\(label)=:\(Data(signature).base64EncodedString()):"))
        return base
    }

    /// RFC 9651 §3.1.2 key syntax: lowercase letter or `*`, then lowercase letters, digits, `_ - . *`.
    static func isValidKey(_ label: String) -> Bool {
        guard let first = label.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) || first == 42
        else { return false }
        return label.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "*")].contains(byte)
        }
    }
}

/// Why signing failed.
public enum SigningError: Error, Sendable, Hashable, CustomStringConvertible {
    case labelInUse(String)
    case invalidLabel(String)

    public var description: String {
        switch self {
        case .labelInUse(let label): "the message already has a signature labelled '\(label)'"
        case .invalidLabel(let label): "'\(label)' is not a valid signature label"
        }
    }
}

// Stored, not computed: each use would otherwise validate and lowercase the name again.
extension HTTPField.Name {
    /// `Signature-Input` (RFC 9421 §4.1).
    public static let signatureInput = HTTPField.Name("Signature-Input")!
    /// `Signature` (RFC 9421 §4.2).
    public static let signature = HTTPField.Name("Signature")!
    /// `Content-Digest` (RFC 9530 §2).
    public static let contentDigest = HTTPField.Name("Content-Digest")!
    /// `Repr-Digest` (RFC 9530 §3).
    public static let reprDigest = HTTPField.Name("Repr-Digest")!
}
