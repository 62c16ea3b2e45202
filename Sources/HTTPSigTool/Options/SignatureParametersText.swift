import HTTPMessageSignatures
import RawStructuredFieldValues

/// The `--params` text: signature parameters in structured-field syntax, kept in the order given (RFC 9421 §2.3),
/// e.g. `;created=1618884473;keyid="k1"`.
public enum SignatureParametersText {
    public static func parse(_ text: String) throws(HTTPSigToolError) -> SignatureParameters {
        // Parsed as the parameters of an empty Inner List, which is where they end up.
        var parser = StructuredFieldValueParser(Array("()\(text)".utf8))
        guard let list = try? parser.parseListFieldValue(), list.count == 1, case .innerList(let inner) = list[0],
            inner.bareInnerList.count == 0
        else {
            throw .invalidSignatureParameters("expected ;name=value pairs, e.g. ';created=1618884473;keyid=\"k1\"'")
        }
        var parameters = SignatureParameters()
        for (name, value) in inner.rfc9651Parameters {
            // Setting them one by one keeps their order: each new name is appended.
            switch (name, value) {
            case ("created", .integer(let seconds)): parameters.created = seconds
            case ("expires", .integer(let seconds)): parameters.expires = seconds
            case ("nonce", .string(let nonce)): parameters.nonce = nonce
            case ("alg", .string(let algorithm)): parameters.algorithm = algorithm
            case ("keyid", .string(let keyID)): parameters.keyID = keyID
            case ("tag", .string(let tag)): parameters.tag = tag
            case ("created", _), ("expires", _):
                throw .invalidSignatureParameters("'\(name)' must be an integer")
            case ("nonce", _), ("alg", _), ("keyid", _), ("tag", _):
                throw .invalidSignatureParameters("'\(name)' must be a quoted string")
            default:
                throw .invalidSignatureParameters(
                    "unknown parameter '\(name)' (use created, expires, nonce, alg, keyid, tag)")
            }
        }
        return parameters
    }
}
