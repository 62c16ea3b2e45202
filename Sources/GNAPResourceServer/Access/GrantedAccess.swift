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
        let candidates = (objectsByType[required.type] ?? []).filter {
            $0.identifier == required.identifier && $0.additional == required.additional
        }
        let actions = required.actions.map { $0.map(Optional.some) } ?? [nil]
        let locations = required.locations.map { $0.map(Optional.some) } ?? [nil]
        let datatypes = required.datatypes.map { $0.map(Optional.some) } ?? [nil]
        let privileges = required.privileges.map { $0.map(Optional.some) } ?? [nil]
        for action in actions {
            for location in locations {
                for datatype in datatypes {
                    for privilege in privileges {
                        let allowed = candidates.contains {
                            Self.allows($0.actions, action) && Self.allows($0.locations, location)
                                && Self.allows($0.datatypes, datatype) && Self.allows($0.privileges, privilege)
                        }
                        if !allowed {
                            return Self.describe(
                                required, action: action, location: location, datatype: datatype,
                                privilege: privilege)
                        }
                    }
                }
            }
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
