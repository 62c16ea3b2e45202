import GNAP

/// The access a route needs (RFC 9635 §8): every listed right must be covered by the token's rights.
///
/// An object right is the cross product of its members (§8): `actions: ["read", "write"]` with one location needs
/// both actions at that location, from one granted object or from several (the token's rights are their union). A
/// member the route leaves out is not checked. A reference string (§8.1) is covered by the same string, or by the
/// rights ``ResourceServerConfiguration/referenceMeanings`` says it stands for.
public struct AccessRequirement: Sendable, Hashable {
    public var rights: [AccessRight]
    /// The access reference to offer in this route's challenge (RFC 9635 §9.1 `access`); defaults to the
    /// configuration's ``ResourceServerConfiguration/accessReference``.
    public var challengeReference: String?

    public init(_ rights: [AccessRight], challengeReference: String? = nil) {
        self.rights = rights
        self.challengeReference = challengeReference
    }

    /// One object right (RFC 9635 §8) with the common members.
    public static func access(
        type: String, actions: [String]? = nil, locations: [String]? = nil, datatypes: [String]? = nil,
        identifier: String? = nil, privileges: [String]? = nil, challengeReference: String? = nil
    ) -> AccessRequirement {
        AccessRequirement(
            [
                .object(
                    AccessRightObject(
                        type: type, actions: actions, locations: locations, datatypes: datatypes,
                        identifier: identifier, privileges: privileges))
            ], challengeReference: challengeReference)
    }

    /// One reference string (RFC 9635 §8.1).
    public static func reference(_ reference: String, challengeReference: String? = nil) -> AccessRequirement {
        AccessRequirement([.reference(reference)], challengeReference: challengeReference ?? reference)
    }

    /// A valid token suffices; no particular right is needed.
    public static let anyValidToken = AccessRequirement([])
}
