import RawStructuredFieldValues

/// The Structured Field parsing that building one signature base may do for `sf` and `key` components (RFC 9421
/// §2.1.1, §2.1.2), within ``SignatureLimits``: each field at most ``SignatureLimits/maximumStructuredFieldMembers``
/// members and parameters, all fields together at most ``SignatureLimits/maximumStructuredMembersPerSignature``.
/// A Dictionary is parsed once however many of its members are covered with `key`.
struct StructuredParsing {
    let limits: SignatureLimits
    private var remaining: Int
    private var dictionaries: [String: OrderedMap<String, ItemOrInnerList>] = [:]

    init(limits: SignatureLimits) {
        self.limits = limits
        remaining = limits.maximumStructuredMembersPerSignature
    }

    /// The strict re-serialization of `value` for `"name";sf`.
    mutating func reserialize(_ value: String, field: String) throws(ComponentError) -> String {
        try charge(value, field: field)
        return try StrictSerialization.reserialize(value, field: field)
    }

    /// The member `key` of the Dictionary `value`, serialized for `"name";key="…"`.
    mutating func dictionaryMember(_ key: String, of value: String, field: String) throws(ComponentError) -> String {
        let dictionary: OrderedMap<String, ItemOrInnerList>
        if let parsed = dictionaries[value] {
            dictionary = parsed
        } else {
            try charge(value, field: field)
            dictionary = try StrictSerialization.dictionary(value, field: field)
            dictionaries[value] = dictionary
        }
        return try StrictSerialization.member(key, of: dictionary, field: field)
    }

    private mutating func charge(_ value: String, field: String) throws(ComponentError) {
        let (commas, semicolons) = StructuredFieldScan.separators(in: value.utf8)
        let members = commas + semicolons + 1
        guard members <= limits.maximumStructuredFieldMembers else {
            throw .structuredFieldTooLarge(
                component: field, members: members, limit: limits.maximumStructuredFieldMembers)
        }
        remaining -= members
        guard remaining >= 0 else {
            throw .structuredFieldTooLarge(
                component: field, members: limits.maximumStructuredMembersPerSignature - remaining,
                limit: limits.maximumStructuredMembersPerSignature)
        }
    }
}
