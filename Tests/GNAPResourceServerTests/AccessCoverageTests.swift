import GNAP
import Testing

@testable import GNAPResourceServer

/// The route's rights against the token's (RFC 9635 §8: the cross product of an object's members, the union of the
/// array's elements; §8.1 reference strings).
@Suite struct AccessCoverageTests {
    static func object(
        _ type: String, actions: [String]? = nil, locations: [String]? = nil, datatypes: [String]? = nil,
        identifier: String? = nil
    ) -> AccessRight {
        .object(
            AccessRightObject(
                type: type, actions: actions, locations: locations, datatypes: datatypes, identifier: identifier))
    }

    static func missing(
        _ required: [AccessRight], granted: [AccessRight], meanings: [String: [AccessRightObject]] = [:]
    ) -> String? {
        GrantedAccess(granted, meanings: meanings).firstMissing(of: required)
    }

    @Test func everyCombinationMustBeGrantedSomewhere() {
        let photos = Self.object(
            "photo-api", actions: ["read", "write"], locations: ["https://a", "https://b"], datatypes: ["images"])
        #expect(
            Self.missing([Self.object("photo-api", actions: ["write"], locations: ["https://b"])], granted: [photos])
                == nil)
        // §8's second example: read on images at one place, write on metadata at another, nothing across.
        let split = [
            Self.object("photo-api", actions: ["read"], locations: ["https://a"], datatypes: ["images"]),
            Self.object("photo-api", actions: ["write"], locations: ["https://b"], datatypes: ["metadata"]),
        ]
        #expect(
            Self.missing([Self.object("photo-api", actions: ["read"], datatypes: ["images"])], granted: split) == nil)
        #expect(
            Self.missing([Self.object("photo-api", actions: ["write"], locations: ["https://a"])], granted: split)
                == "type 'photo-api', action 'write', location 'https://a'")
        // Two actions from two granted objects: the union covers them.
        let byAction = [Self.object("notes", actions: ["read"]), Self.object("notes", actions: ["write"])]
        #expect(Self.missing([Self.object("notes", actions: ["read", "write"])], granted: byAction) == nil)
    }

    @Test func aMemberTheGrantLeavesOutGrantsNothing() {
        let granted = [Self.object("notes", actions: ["read"])]
        #expect(
            Self.missing([Self.object("notes", actions: ["read"], locations: ["https://rs"])], granted: granted)
                == "type 'notes', action 'read', location 'https://rs'")
        #expect(Self.missing([Self.object("notes")], granted: granted) == nil, "the route asks for no action")
        #expect(Self.missing([Self.object("photos", actions: ["read"])], granted: granted) != nil)
    }

    @Test func identifierAndAPISpecificMembersMustMatch() {
        let granted = [Self.object("notes", actions: ["read"], identifier: "n-1")]
        #expect(Self.missing([Self.object("notes", actions: ["read"], identifier: "n-1")], granted: granted) == nil)
        #expect(Self.missing([Self.object("notes", actions: ["read"], identifier: "n-2")], granted: granted) != nil)
        #expect(Self.missing([Self.object("notes", actions: ["read"])], granted: granted) != nil)
        var geo = AccessRightObject(type: "photo-api", actions: ["read"])
        geo.additional = ["region": .string("eu")]
        #expect(Self.missing([Self.object("photo-api", actions: ["read"])], granted: [.object(geo)]) != nil)
        #expect(Self.missing([.object(geo)], granted: [.object(geo)]) == nil)
    }

    @Test func referencesAndTheirMeanings() {
        let meaning = ["notes-rw": [AccessRightObject(type: "notes", actions: ["read", "write"])]]
        #expect(Self.missing([.reference("dolphin-metadata")], granted: [.reference("dolphin-metadata")]) == nil)
        #expect(
            Self.missing([.reference("dolphin-metadata")], granted: [.reference("other")])
                == "the access reference 'dolphin-metadata'")
        // A granted reference whose meaning the RS knows covers the objects it stands for...
        #expect(
            Self.missing(
                [Self.object("notes", actions: ["write"])], granted: [.reference("notes-rw")], meanings: meaning) == nil
        )
        #expect(Self.missing([Self.object("notes", actions: ["write"])], granted: [.reference("notes-rw")]) != nil)
        // ...and a required reference is met by the rights it stands for.
        #expect(
            Self.missing(
                [.reference("notes-rw")], granted: [Self.object("notes", actions: ["read", "write", "delete"])],
                meanings: meaning) == nil)
        #expect(
            Self.missing(
                [.reference("notes-rw")], granted: [Self.object("notes", actions: ["read"])], meanings: meaning)
                != nil)
        #expect(Self.missing([], granted: []) == nil)
    }
}
