import Crypto
import Foundation
import RawStructuredFieldValues

/// `Content-Digest` (RFC 9530 §2): a Dictionary structured field of algorithm → Byte Sequence over the content
/// bytes exactly as sent. Verification always hashes the raw received bytes, never a re-serialization.
///
/// `Repr-Digest` (§3) has the same syntax over the selected representation's bytes; ``ReprDigest`` is the same
/// computation under the field's own name.
public enum ContentDigest {
    /// The field value for `body` with each algorithm, in the given order, e.g. `sha-256=:X48E...:`.
    public static func fieldValue(for body: some Sequence<UInt8>, algorithms: [DigestAlgorithm] = [.sha256]) -> String {
        let bytes = Array(body)
        return algorithms.map { algorithm in
            "\(algorithm.rawValue)=:\(Data(algorithm.digest(bytes)).base64EncodedString()):"
        }.joined(separator: ", ")
    }

    /// The result of checking a received `Content-Digest` against the received content.
    public enum Verification: Sendable, Hashable {
        /// Every supported algorithm in the field matched; `algorithms` lists them.
        case valid(algorithms: [DigestAlgorithm])
        /// The field is not a valid Dictionary of Byte Sequences.
        case malformed
        /// The field names no algorithm that is both supported and accepted.
        case noAcceptedAlgorithm
        /// The digest for this algorithm does not match the content.
        case mismatch(DigestAlgorithm)

        public var isValid: Bool {
            if case .valid = self { return true }
            return false
        }
    }

    /// The longest `Content-Digest` or `Repr-Digest` value ``verify(fieldValue:body:accepted:maximumLength:)``
    /// parses by default, in bytes: 4 096, room for every registered algorithm many times over. Parsing a Dictionary
    /// costs time that grows with the square of its member count, so longer values are refused unparsed.
    public static let defaultMaximumFieldLength = 4_096

    /// Verifies `fieldValue` against `body`. Unknown algorithms are ignored (RFC 9530 §2), but at least one member
    /// must use an algorithm in `accepted`, and every member with a supported algorithm must match. A value longer
    /// than `maximumLength` bytes is ``Verification/malformed``.
    public static func verify(
        fieldValue: String, body: some Sequence<UInt8>, accepted: Set<DigestAlgorithm> = Set(DigestAlgorithm.allCases),
        maximumLength: Int = defaultMaximumFieldLength
    ) -> Verification {
        guard fieldValue.utf8.count <= maximumLength else { return .malformed }
        guard let dictionary = try? StructuredDictionary.members(Array(fieldValue.utf8)), !dictionary.isEmpty else {
            return .malformed
        }
        let bytes = Array(body)
        var matched: [DigestAlgorithm] = []
        for (name, member) in dictionary {
            guard case .item(let item) = member, case .undecodedByteSequence(let encoded) = item.rfc9651BareItem else {
                return .malformed
            }
            guard let algorithm = DigestAlgorithm(rawValue: name) else { continue }
            guard let received = StructuredByteSequence.decode(encoded) else { return .malformed }
            let expected = algorithm.digest(bytes)
            guard constantTimeEquals(received, expected) else { return .mismatch(algorithm) }
            if accepted.contains(algorithm) { matched.append(algorithm) }
        }
        return matched.isEmpty ? .noAcceptedAlgorithm : .valid(algorithms: matched)
    }
}

/// `Repr-Digest` (RFC 9530 §3): the digest of the selected representation data (the content before any content
/// coding is applied). Pass the representation bytes; the syntax and algorithms are those of ``ContentDigest``.
public typealias ReprDigest = ContentDigest

/// Compares two byte strings in time that depends only on their lengths.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
}
