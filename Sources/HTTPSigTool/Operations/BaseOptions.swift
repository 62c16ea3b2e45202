import HTTPMessageSignatures

/// Options of `gnapterm httpsig base`.
public struct BaseOptions: Sendable {
    /// The label of the signature whose base to rebuild.
    public var label: String
    /// The scheme of the target URI when the request line has no absolute URI.
    public var scheme: TargetScheme
    /// The related request of a response, as HTTP/1.1 text, for components with `;req`.
    public var relatedRequest: [UInt8]?

    /// - Parameters:
    ///   - label: the signature's label.
    ///   - scheme: the target URI's scheme. Default: https.
    ///   - relatedRequest: the request a response answers. Default: none.
    public init(label: String, scheme: TargetScheme = .https, relatedRequest: [UInt8]? = nil) {
        self.label = label
        self.scheme = scheme
        self.relatedRequest = relatedRequest
    }
}

extension HTTPSigTool {
    /// The signature base (RFC 9421 §2.5) of the signature labelled `options.label`, rebuilt from the message and its
    /// `Signature-Input`: exactly the bytes that were signed, without a final newline.
    public static func base(_ input: some Collection<UInt8>, options: BaseOptions) throws(HTTPSigToolError) -> String {
        let (text, related) = try read(input, relatedRequest: options.relatedRequest)
        let message = try text.httpMessage(scheme: options.scheme, relatedRequest: related)
        guard let signature = try signatures(of: message).first(where: { $0.label == options.label }) else {
            throw .noSuchSignature(options.label)
        }
        do {
            return try SignatureBase(
                message: message, components: signature.components, parameters: signature.parameters
            )
            .text
        } catch {
            throw .base(error)
        }
    }
}
