import Foundation
import HTTPMessageSignatures
import HTTPTypes

extension VectorRun {
    /// The message signed afresh under the case's label, with the received components and parameters (in their
    /// received order), and the base that was signed.
    ///
    /// A request goes through ``MessageSigner`` after this label's members are removed, so the other signatures stay
    /// and the new members are appended after them (RFC 9421 §4.3). ``MessageSigner`` signs requests only; a response
    /// is signed from its base and its `Signature` member replaced.
    func signedAgain(with key: SigningKey) throws -> (message: HTTPMessage, base: SignatureBase) {
        if !message.isResponse, var request = message.request {
            let others = try otherMembers()
            request.headerFields[.signatureInput] = others.input
            request.headerFields[.signature] = others.signature
            let base = try MessageSigner.sign(
                &request, label: label, components: received.components, parameters: received.parameters, key: key)
            return (.request(request), base)
        }
        let base = try rebuiltBase()
        let signature = try key.sign(base.bytes)
        var signed = message
        try signed.replace(signatureMember, with: member(signature: signature), inField: .signature)
        return (signed, base)
    }

    /// The `Signature-Input` and `Signature` values of the message without this case's members (nil when nothing is
    /// left). The vector file puts a case's members last.
    func otherMembers() throws -> (input: String?, signature: String?) {
        func strip(_ member: String, from value: String) throws -> String? {
            if value == member { return nil }
            guard value.hasSuffix(", " + member) else {
                throw VectorMessageError(description: "\(member) is not the last member of \(value)")
            }
            return String(value.dropLast(member.count + 2))
        }
        return (
            try strip(inputMember, from: testCase.signatureInput), try strip(signatureMember, from: testCase.signature)
        )
    }

    /// A `Signature` member for this label carrying `signature`.
    func member(signature: [UInt8]) -> String { "\(label)=:\(Data(signature).base64EncodedString()):" }
}
