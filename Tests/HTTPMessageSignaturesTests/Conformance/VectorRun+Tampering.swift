import Foundation
import HTTPMessageSignatures
import HTTPTypes

/// Tampered variants of a vector message: each changes one thing a signature must protect.
extension VectorRun {
    /// The message with the value of one covered component changed, in the context the component is read from
    /// (the related request for `req`, the trailers for `tr`).
    func changingValue(of component: ComponentIdentifier) throws -> HTTPMessage {
        var changed = message
        guard component.isDerived else {
            guard let name = HTTPField.Name(component.name) else {
                throw VectorMessageError(description: "invalid field name \(component.name)")
            }
            changed.editFields(of: component) { fields in fields[name] = (fields[name] ?? "") + "x" }
            return changed
        }
        if component.name == "@status" {
            let code = message.response!.status.code
            changed.response!.status = HTTPResponse.Status(code: code == 200 ? 201 : 200)
            return changed
        }
        var request = message.request!
        let target = request.path ?? ""
        let query = target.firstIndex(of: "?").map { String(target[$0...]) } ?? ""
        switch component.name {
        case "@method": request.method = request.method == .put ? .post : .put
        case "@authority": request.authority = "tampered.example"
        case "@scheme": request.scheme = request.scheme == "https" ? "http" : "https"
        case "@target-uri", "@path", "@request-target": request.path = "/tampered" + query
        case "@query": request.path = target + (query.isEmpty ? "?" : "&") + "tampered"
        case "@query-param":
            let name = component.stringParameter("name") ?? ""
            let pairs = query.dropFirst().split(separator: "&").map { pair in
                pair.split(separator: "=").first.map(String.init) == name ? pair + "x" : pair
            }
            guard pairs.contains(where: { $0.hasSuffix("x") }) else {
                throw VectorMessageError(description: "no query parameter \(name)")
            }
            request.path = String(target.prefix { $0 != "?" }) + "?" + pairs.joined(separator: "&")
        default: throw VectorMessageError(description: "no tampering defined for \(component.name)")
        }
        changed.request = request
        return changed
    }

    /// The message with every line of one covered field removed.
    func removing(_ component: ComponentIdentifier) throws -> HTTPMessage {
        guard let name = HTTPField.Name(component.name) else {
            throw VectorMessageError(description: "invalid field name \(component.name)")
        }
        var changed = message
        changed.editFields(of: component) { fields in fields[name] = nil }
        return changed
    }

    /// The message with this case's `Signature-Input` member replaced by `member`.
    func replacingInputMember(with member: String) throws -> HTTPMessage {
        var changed = message
        try changed.replace(inputMember, with: member, inField: .signatureInput)
        return changed
    }

    /// The message with this case's `Signature` member carrying `signature` instead.
    func replacingSignature(with signature: [UInt8]) throws -> HTTPMessage {
        var changed = message
        try changed.replace(signatureMember, with: member(signature: signature), inField: .signature)
        return changed
    }

    /// Variants of this case's `Signature-Input` member with one signature parameter changed, removed, added or
    /// moved, each with the reason verification must give.
    func parameterVariants() throws -> [(description: String, member: String, expected: SignatureFailureReason)] {
        var variants: [(String, String, SignatureFailureReason)] = []
        for (name, value) in testCase.params.sorted(by: { $0.key < $1.key }) {
            let original = ";\(name)=\(value.serialized)"
            let changed: VectorFile.ParameterValue
            switch value {
            case .integer(let number): changed = .integer(number + 1)
            case .string(let text): changed = .string(text + "x")
            }
            // §3.2 step 6: an `alg` that is not the key's is refused before any cryptography.
            let expected: SignatureFailureReason =
                if name == "alg", case .string(let declared) = changed {
                    .algorithmMismatch(declared: declared, key: algorithm)
                } else {
                    .invalidSignature
                }
            variants.append(
                (
                    "\(name) changed",
                    inputMember.replacingOccurrences(of: original, with: ";\(name)=\(changed.serialized)"),
                    expected
                ))
        }
        let keyID = ";keyid=\"\(testCase.keyId)\""
        variants.append(("keyid removed", inputMember.replacingOccurrences(of: keyID, with: ""), .invalidSignature))
        variants.append(("unknown parameter added", inputMember + ";x-extra=1", .invalidSignature))
        // The parameters are signed in the order received: the same parameters in another order are another base.
        let reordered = ")" + testCase.paramsSerialized.split(separator: ";").reversed().map { ";" + $0 }.joined()
        variants.append(
            (
                "parameters reordered",
                inputMember.replacingOccurrences(of: ")" + testCase.paramsSerialized, with: reordered),
                .invalidSignature
            ))
        return variants
    }
}
