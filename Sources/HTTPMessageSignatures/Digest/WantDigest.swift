import RawStructuredFieldValues

/// `Want-Content-Digest` and `Want-Repr-Digest` (RFC 9530 §4): a Dictionary of algorithm → preference, an
/// Integer from 0 (not acceptable) to 10 (most preferred).
public enum WantDigest {
    /// The preferences in field order. Members that are not integers in 0...10 make the field invalid (§4), and so
    /// does a value longer than ``ContentDigest/defaultMaximumFieldLength`` bytes (refused unparsed, see there).
    public static func preferences(_ fieldValue: String) -> [(algorithm: String, preference: Int)]? {
        guard fieldValue.utf8.count <= ContentDigest.defaultMaximumFieldLength else { return nil }
        var parser = StructuredFieldValueParser(Array(fieldValue.utf8))
        guard let dictionary = try? parser.parseDictionaryFieldValue() else { return nil }
        var result: [(String, Int)] = []
        for (name, member) in dictionary {
            guard case .item(let item) = member, case .integer(let value) = item.rfc9651BareItem,
                (0...10).contains(value)
            else { return nil }
            result.append((name, Int(value)))
        }
        return result
    }

    /// The algorithm to answer with: the most preferred one this library supports, ties broken by `supported`'s
    /// order; nil when the field is invalid or nothing supported is acceptable.
    public static func choose(_ fieldValue: String, supported: [DigestAlgorithm] = [.sha512, .sha256])
        -> DigestAlgorithm?
    {
        guard let preferences = preferences(fieldValue) else { return nil }
        var best: (DigestAlgorithm, Int)?
        for algorithm in supported {
            guard let preference = preferences.first(where: { $0.algorithm == algorithm.rawValue })?.preference,
                preference > 0
            else { continue }
            if best == nil || preference > best!.1 { best = (algorithm, preference) }
        }
        return best?.0
    }

    /// Serializes preferences, e.g. `sha-512=3, sha-256=1`.
    public static func fieldValue(_ preferences: [(DigestAlgorithm, Int)]) -> String {
        preferences.map { "\($0.0.rawValue)=\(min(max($0.1, 0), 10))" }.joined(separator: ", ")
    }
}
