import GNAP

/// A token's access rights arranged for the per-request check: reference strings in a set, objects by `type`, and
/// references whose meaning the RS knows expanded into the objects they stand for. Built once per introspection.
struct GrantedAccess: Sendable {
    private let references: Set<String>
    private let objectsByType: [String: [AccessRightObject]]
    private let meanings: [String: [AccessRightObject]]

    init(_ access: [AccessRight], meanings: [String: [AccessRightObject]]) {
        var references = Set<String>()
        var objects: [String: [AccessRightObject]] = [:]
        for right in access {
            switch right {
            case .reference(let reference):
                references.insert(reference)
                for object in meanings[reference] ?? [] { objects[object.type, default: []].append(object) }
            case .object(let object):
                objects[object.type, default: []].append(object)
            }
        }
        self.references = references
        self.objectsByType = objects
        self.meanings = meanings
    }

    /// The first required right the token does not cover, described for the client; nil when all are covered.
    func firstMissing(of required: [AccessRight]) -> String? {
        for right in required {
            switch right {
            case .reference(let reference):
                if references.contains(reference) { continue }
                if let meaning = meanings[reference], !meaning.isEmpty,
                    meaning.allSatisfy({ missingCombination(of: $0) == nil })
                {
                    continue
                }
                return "the access reference '\(reference)'"
            case .object(let object):
                if let missing = missingCombination(of: object) { return missing }
            }
        }
        return nil
    }

    /// RFC 9635 §8: each combination of the required object's actions, locations, datatypes and privileges must
    /// be allowed by some granted object of the same type, identifier and API-specific members. A granted object
    /// that leaves a member out grants no value of it (an absent member is not read as "anything").
    private func missingCombination(of required: AccessRightObject) -> String? {
        let candidates = objectsByType[required.type] ?? []
        return Self.eachValue(required.actions) { action in
            Self.eachValue(required.locations) { location in
                Self.eachValue(required.datatypes) { datatype in
                    Self.eachValue(required.privileges) { privilege in
                        for candidate in candidates
                        where candidate.identifier == required.identifier && candidate.additional == required.additional
                            && Self.allows(candidate.actions, action) && Self.allows(candidate.locations, location)
                            && Self.allows(candidate.datatypes, datatype)
                            && Self.allows(candidate.privileges, privilege)
                        {
                            return nil
                        }
                        return Self.describe(
                            required, action: action, location: location, datatype: datatype, privilege: privilege)
                    }
                }
            }
        }
    }

    /// Calls `body` with each required value of one member, or once with nil when the route leaves it out; stops at
    /// the first missing combination. (Closures, not arrays of optionals: this runs on every request.)
    private static func eachValue(_ values: [String]?, _ body: (String?) -> String?) -> String? {
        guard let values else { return body(nil) }
        for value in values {
            if let missing = body(value) { return missing }
        }
        return nil
    }

    private static func allows(_ granted: [String]?, _ needed: String?) -> Bool {
        guard let needed else { return true }
        return granted?.contains(needed) ?? false
    }

    /// Names the missing combination from the route's own requirement, so nothing about the token is disclosed.
    private static func describe(
        _ required: AccessRightObject, action: String?, location: String?, datatype: String?, privilege: String?
    ) -> String {
        var parts = ["type '\(required.type)'"]
        if let identifier = required.identifier { parts.append("identifier '\(identifier)'") }
        if let action { parts.append("action '\(action)'") }
        if let location { parts.append("location '\(location)'") }
        if let datatype { parts.append("datatype '\(datatype)'") }
        if let privilege { parts.append("privilege '\(privilege)'") }
        return parts.joined(separator: ", ")
    }
}
