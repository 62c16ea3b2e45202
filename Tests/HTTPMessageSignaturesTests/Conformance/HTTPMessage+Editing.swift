import Foundation
import HTTPMessageSignatures
import HTTPTypes

/// Edits of a message as an attacker or an intermediary would make them, for the tampering tests.
extension HTTPMessage {
    /// Edits the header fields of the target message itself (where `Signature-Input` and `Signature` live).
    mutating func editTargetFields(_ edit: (inout HTTPFields) -> Void) {
        if response != nil {
            edit(&response!.headerFields)
        } else {
            edit(&request!.headerFields)
        }
    }

    /// Edits the fields a covered field component is read from: the related request's with `req`, the trailers with
    /// `tr` (RFC 9421 §2.1.4, §2.4).
    mutating func editFields(of component: ComponentIdentifier, _ edit: (inout HTTPFields) -> Void) {
        let inRequest = component.hasFlag("req") || !isResponse
        switch (inRequest, component.hasFlag("tr")) {
        case (true, false): edit(&request!.headerFields)
        case (false, false): edit(&response!.headerFields)
        case (true, true): edit(&requestTrailers!)
        case (false, true): edit(&responseTrailers!)
        }
    }

    /// Replaces `old` by `new` in the target message's `name` field (all its lines combined into one).
    mutating func replace(_ old: String, with new: String, inField name: HTTPField.Name) throws {
        var found = false
        editTargetFields { fields in
            guard let value = fields[name], value.contains(old) else { return }
            found = true
            fields[name] = value.replacingOccurrences(of: old, with: new)
        }
        guard found else { throw VectorMessageError(description: "'\(old)' is not in \(name)") }
    }
}
