import Foundation
import HTTPMessageSignatures
import RawStructuredFieldValues

/// Options of `gnapterm httpsig sign`.
public struct SignOptions: Sendable {
    /// The key file's contents (JWK or PEM).
    public var key: String
    public var algorithm: SignatureAlgorithm
    public var label: String
    /// The covered components, e.g. `"@method" "@authority" "content-digest"`.
    public var covered: String
    /// The signature parameters verbatim, e.g. `;created=1618884473;keyid="k1"`; nil for `created` = ``now`` and
    /// `keyid` = the key's `kid`.
    public var parameters: String?
    /// Adds a `Content-Digest` of the content with this algorithm before signing (RFC 9530 §2).
    public var digest: DigestAlgorithm?
    public var scheme: TargetScheme
    /// The related request of a response, as HTTP/1.1 text, for components with `;req`.
    public var relatedRequest: [UInt8]?
    /// The current Unix time, for the default `created`.
    public var now: Int64

    /// - Parameters:
    ///   - key: the key file's text.
    ///   - algorithm: the signature algorithm.
    ///   - label: the new signature's label.
    ///   - covered: the covered components.
    ///   - parameters: the signature parameters. Default: `created` and `keyid` from `now` and the key.
    ///   - digest: the Content-Digest algorithm. Default: no Content-Digest is added.
    ///   - scheme: the target URI's scheme. Default: https.
    ///   - relatedRequest: the request a response answers. Default: none.
    ///   - now: the current Unix time.
    public init(
        key: String, algorithm: SignatureAlgorithm, label: String, covered: String, parameters: String? = nil,
        digest: DigestAlgorithm? = nil, scheme: TargetScheme = .https, relatedRequest: [UInt8]? = nil, now: Int64
    ) {
        self.key = key
        self.algorithm = algorithm
        self.label = label
        self.covered = covered
        self.parameters = parameters
        self.digest = digest
        self.scheme = scheme
        self.relatedRequest = relatedRequest
        self.now = now
    }
}

extension HTTPSigTool {
    /// Signs the message (RFC 9421 §3.1) and returns it with `Signature-Input` and `Signature` field lines appended
    /// after the existing ones, preceded by `Content-Digest` when asked. Nothing else of the message changes.
    public static func sign(_ input: some Collection<UInt8>, options: SignOptions) throws(HTTPSigToolError) -> [UInt8] {
        let (parsed, related) = try read(input, relatedRequest: options.relatedRequest)
        try parsed.requireBodyForItsFraming()
        var text = parsed
        let key = try KeyFile.signingKey(options.key, algorithm: options.algorithm)
        let components = try CoveredComponents.parse(options.covered)
        let parameters: SignatureParameters
        if let given = options.parameters {
            parameters = try SignatureParametersText.parse(given)
            if let declared = parameters.algorithm, declared != options.algorithm.rawValue {
                throw .algorithmParameterMismatch(declared: declared, algorithm: options.algorithm)
            }
        } else {
            parameters = SignatureParameters(created: options.now, keyID: key.keyID)
        }
        guard isValidLabel(options.label) else { throw .invalidLabel(options.label) }
        // §4.3: a new signature is added beside the existing ones, never replacing one.
        let existing = try signatures(of: try text.httpMessage(scheme: options.scheme, relatedRequest: related))
        guard !existing.contains(where: { $0.label == options.label }) else { throw .labelInUse(options.label) }
        // RFC 9651 §4.2: a verifier joins the field lines with commas before parsing; an empty line (an empty
        // Dictionary on its own) joined with the new one is not a Dictionary, so the output would not verify.
        for name in ["Signature-Input", "Signature"] where text.values(of: name).contains(where: \.isEmpty) {
            throw .emptySignatureFieldLine(name)
        }
        if let digest = options.digest {
            guard text.values(of: "content-digest").isEmpty else { throw .contentDigestPresent }
            text.fields.append(
                // RFC 9530 §2: over the content, i.e. without the chunked transfer coding.
                FieldLine(
                    name: "Content-Digest", value: ContentDigest.fieldValue(for: text.content, algorithms: [digest]))
            )
        }
        let message = try text.httpMessage(scheme: options.scheme, relatedRequest: related)
        let base: SignatureBase
        do {
            base = try SignatureBase(message: message, components: components, parameters: parameters)
        } catch {
            throw .base(error)
        }
        let signature: [UInt8]
        do {
            signature = try key.sign(base.bytes)
        } catch {
            throw .signingFailed("\(error)")
        }
        text.fields.append(FieldLine(name: "Signature-Input", value: "\(options.label)=\(base.signatureParamsValue)"))
        text.fields.append(
            FieldLine(name: "Signature", value: "\(options.label)=:\(Data(signature).base64EncodedString()):"))
        // The new lines may take the fields past what verifiers read (SignatureLimits: signatures, bytes, members):
        // such a message could not be verified, so it is not printed.
        let signed = try text.httpMessage(scheme: options.scheme, relatedRequest: related)
        do {
            _ = try ReceivedSignature.all(in: signed.headerFields)
        } catch {
            throw .signedFieldsUnreadable(error)
        }
        return text.serialized
    }

    /// A label is a Dictionary key (RFC 9421 §4.1, RFC 9651 §3.2): asking the serializer checks its characters (an
    /// empty key it would let through).
    static func isValidLabel(_ label: String) -> Bool {
        guard !label.isEmpty else { return false }
        var dictionary = OrderedMap<String, ItemOrInnerList>()
        dictionary[label] = .item(Item(bareItem: RFC9651BareItem.bool(true), parameters: OrderedMap()))
        var serializer = StructuredFieldValueSerializer()
        return (try? serializer.writeDictionaryFieldValue(dictionary)) != nil
    }
}
