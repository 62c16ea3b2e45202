/// Validation of the members that describe the end user: `user` (§2.4), `subject.sub_ids` (§2.2) and the
/// interaction hints (§2.5.3).
extension GrantRequestValidator {
    /// Largest number of identifiers, assertions or locales accepted in one list.
    static let maximumListLength = 16

    func validateUser(_ user: UserRequest?) throws(GNAPError) {
        switch user {
        case nil:
            return
        case .reference(let reference):
            // §2.4.1: the format is opaque to the client; an empty string cannot name anyone.
            guard !reference.isEmpty, reference.count <= 256 else {
                throw GNAPError(.invalidRequest, "'user' must be a reference of 1 to 256 characters")
            }
        case .value(let value):
            guard value.subIDs?.isEmpty == false || value.assertions?.isEmpty == false else {
                throw GNAPError(.invalidRequest, "'user' must give 'sub_ids' or 'assertions'")
            }
            try validateSubjectIdentifiers(value.subIDs, at: "user.sub_ids")
            let assertions = value.assertions ?? []
            guard assertions.count <= Self.maximumListLength else {
                throw GNAPError(.invalidRequest, "'user.assertions' has more than \(Self.maximumListLength) entries")
            }
            for (index, assertion) in assertions.enumerated() {
                guard !assertion.format.isEmpty, !assertion.value.isEmpty else {
                    throw GNAPError(.invalidRequest, "'user.assertions[\(index)]' needs a 'format' and a 'value'")
                }
            }
        }
    }

    /// RFC 9493: every identifier names a format, and the formats this AS knows carry their members.
    func validateSubjectIdentifiers(_ identifiers: [SubjectIdentifier]?, at path: String) throws(GNAPError) {
        guard let identifiers else { return }
        guard identifiers.count <= Self.maximumListLength else {
            throw GNAPError(.invalidRequest, "'\(path)' has more than \(Self.maximumListLength) entries")
        }
        for (index, identifier) in identifiers.enumerated() {
            guard !identifier.format.isEmpty else {
                throw GNAPError(.invalidRequest, "'\(path)[\(index)].format' must not be empty")
            }
            for member in SubjectIdentifier.requiredMembers(of: identifier.format)
            where identifier.members[member]?.isEmpty ?? true {
                throw GNAPError(
                    .invalidRequest, "'\(path)[\(index)]' of format '\(identifier.format)' needs '\(member)'")
            }
        }
    }

    /// §2.5.3: `ui_locales` are RFC 5646 language tags; returns them in the client's order.
    func validateHints(_ hints: InteractHints?) throws(GNAPError) -> [String] {
        guard let locales = hints?.uiLocales else { return [] }
        guard locales.count <= Self.maximumListLength else {
            throw GNAPError(.invalidRequest, "'interact.hints.ui_locales' has more than \(Self.maximumListLength) tags")
        }
        for (index, tag) in locales.enumerated() where !Self.isLanguageTag(tag) {
            throw GNAPError(.invalidRequest, "'interact.hints.ui_locales[\(index)]' is not a language tag (RFC 5646)")
        }
        return locales
    }

    /// The shape of an RFC 5646 tag (subtags of 1 to 8 letters or digits separated by hyphens, the first alphabetic),
    /// without checking the subtag registry.
    static func isLanguageTag(_ tag: String) -> Bool {
        guard !tag.isEmpty, tag.utf8.count <= 64 else { return false }
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return subtags.allSatisfy { subtag in
            (1...8).contains(subtag.count) && subtag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}

extension SubjectIdentifier {
    /// The members RFC 9493 requires for the formats this AS understands (`aliases` is not supported: its nested
    /// identifiers do not decode as string members).
    static func requiredMembers(of format: String) -> [String] {
        switch format {
        case "opaque": ["id"]
        case "email": ["email"]
        case "did": ["url"]
        case "uri", "account": ["uri"]
        case "iss_sub": ["iss", "sub"]
        case "phone_number": ["phone_number"]
        default: []
        }
    }
}
