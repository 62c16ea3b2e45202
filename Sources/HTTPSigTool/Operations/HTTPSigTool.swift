import HTTPMessageSignatures

/// The operations behind `gnapterm httpsig base|sign|verify`: each takes the message bytes read from standard input
/// and its options, and returns what to print or a typed error. No I/O happens here.
public enum HTTPSigTool {
    /// The `--alg` value, e.g. `ed25519` (RFC 9421 §6.2.2).
    public static func algorithm(named name: String) throws(HTTPSigToolError) -> SignatureAlgorithm {
        guard let algorithm = SignatureAlgorithm(rawValue: name) else { throw .unknownAlgorithm(name) }
        return algorithm
    }

    /// The `--digest` value, `sha-256` or `sha-512` (RFC 9530 §5).
    public static func digestAlgorithm(named name: String) throws(HTTPSigToolError) -> DigestAlgorithm {
        guard let algorithm = DigestAlgorithm(rawValue: name) else { throw .unknownDigestAlgorithm(name) }
        return algorithm
    }

    /// The `--scheme` value, `https` or `http`.
    public static func scheme(named name: String) throws(HTTPSigToolError) -> TargetScheme {
        guard let scheme = TargetScheme(rawValue: name) else { throw .unknownScheme(name) }
        return scheme
    }

    /// Reads the target message and the optional related request.
    static func read(_ input: some Collection<UInt8>, relatedRequest: [UInt8]?) throws(HTTPSigToolError) -> (
        text: HTTPMessageText, related: HTTPMessageText?
    ) {
        let text: HTTPMessageText
        do {
            text = try HTTPMessageText(parsing: input)
        } catch {
            throw .message(error)
        }
        guard let relatedRequest else { return (text, nil) }
        do {
            return (text, try HTTPMessageText(parsing: relatedRequest))
        } catch {
            throw .relatedRequest(error)
        }
    }

    static func signatures(of message: HTTPMessage) throws(HTTPSigToolError) -> [ReceivedSignature] {
        do {
            return try ReceivedSignature.all(in: message.headerFields)
        } catch {
            throw .signatureFields(error)
        }
    }
}
