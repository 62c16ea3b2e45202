import GNAP
import Testing

/// When a requested right asks for nothing beyond a consented one (RFC 9635 §5.3, §8).
@Suite("Access right coverage")
struct AccessCoverageTests {
    let photos = AccessRightObject(
        type: "photo-api", actions: ["read", "write"], locations: ["https://photos.example"], datatypes: ["images"])

    func object(_ change: (inout AccessRightObject) -> Void) -> AccessRight {
        var copy = photos
        change(&copy)
        return .object(copy)
    }

    @Test func referencesMustBeEqual() {
        #expect(AccessRight.reference("read").isCovered(by: .reference("read")))
        #expect(!AccessRight.reference("read").isCovered(by: .reference("write")))
        #expect(!AccessRight.reference("photo-api").isCovered(by: .object(photos)))
        #expect(!AccessRight.object(photos).isCovered(by: .reference("photo-api")))
    }

    @Test func narrowerObjectsAreCovered() {
        #expect(AccessRight.object(photos).isCovered(by: .object(photos)))
        #expect(object { $0.actions = ["read"] }.isCovered(by: .object(photos)))
        #expect(object { $0.actions = [] }.isCovered(by: .object(photos)))
        #expect(object { $0.datatypes = ["images"] }.isCovered(by: .object(photos)))
    }

    @Test func widerOrDifferentObjectsAreNot() {
        #expect(!object { $0.actions = ["read", "delete"] }.isCovered(by: .object(photos)))
        #expect(!object { $0.type = "calendar" }.isCovered(by: .object(photos)))
        #expect(!object { $0.locations = ["https://other.example"] }.isCovered(by: .object(photos)))
        // An absent member may mean "any": it covers, and is covered by, only an absent member.
        #expect(!object { $0.actions = nil }.isCovered(by: .object(photos)))
        #expect(!AccessRight.object(photos).isCovered(by: object { $0.actions = nil }))
        #expect(object { $0.privileges = nil }.isCovered(by: object { $0.privileges = nil }))
        #expect(!object { $0.identifier = "album-1" }.isCovered(by: .object(photos)))
        #expect(!object { $0.additional = ["geolocation": .bool(true)] }.isCovered(by: .object(photos)))
    }

    @Test func grantedAccessCoversEachTokenAndFormat() {
        let alice = ApproverRef(accountID: "alice", deviceID: "d1")
        var granted = GrantedAccess(approver: alice)
        let tokens = [
            AccessTokenRequest(access: [.object(photos), .reference("profile")]),
            AccessTokenRequest(access: [.reference("bank")], label: "b", flags: ["bearer"]),
        ]
        // Token 0: only the photos right; token 1 (bearer): its one right; and the opaque identifier.
        granted.add(
            Approval(
                approver: alice, selection: ApprovalSelection(rights: [[0], [0]], subjectFormats: ["opaque"]),
                at: WallInstant(unixSeconds: 0)),
            of: tokens)
        #expect(granted.rights == [.object(photos)] && granted.bearerRights == [.reference("bank")])
        #expect(granted.covers(tokens: [AccessTokenRequest(access: [.reference("bank")])], subjectFormats: []))
        #expect(
            granted.covers(
                tokens: [AccessTokenRequest(access: [.reference("bank")], flags: ["bearer"])],
                subjectFormats: ["opaque"]))
        #expect(
            !granted.covers(
                tokens: [AccessTokenRequest(access: [.object(photos)], flags: ["bearer"])], subjectFormats: []))
        #expect(!granted.covers(tokens: [AccessTokenRequest(access: [.reference("profile")])], subjectFormats: []))
        #expect(!granted.covers(tokens: [], subjectFormats: ["email"]))
    }
}
