import Foundation
import GNAP
import Testing

@Suite("Grant state machine: the named user and deferred issuance")
struct UserMismatchLifecycleTests {
    let clock = ManualClock()
    let alice = ApproverRef(accountID: "alice", deviceID: "d1")

    func bound() -> GrantLifecycle<ManualClock> {
        var grant = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        _ = grant.event(.codeEntered(by: alice))
        return grant
    }

    @Test func aMismatchFailsTheGrantWithUnknownUser() {
        var grant = bound()
        #expect(grant.event(.userMismatch(by: alice)) == .denied)
        #expect(grant.state.denial?.code == .unknownUser)
        #expect(
            grant.event(.approve(by: alice, selection: ApprovalSelection(rights: [[0]], subjectFormats: [])))
                == .refuse(.alreadyDecided))
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall).errorCode == .unknownUser)
        #expect(grant.state.outcome == .denied)
        // Only the bound approver can cause it.
        var other = GrantLifecycle.start(clock: clock, interactionLifetime: .seconds(600), waitSeconds: 5)
        #expect(other.event(.userMismatch(by: alice)) == .refuse(.codeNotEntered))
    }

    @Test func issuanceCanBeDeferredWithoutFinalizing() {
        var grant = bound()
        let selection = ApprovalSelection(rights: [[0]], subjectFormats: ["opaque"], assertionFormats: ["id_token"])
        #expect(grant.event(.approve(by: alice, selection: selection)) == .approved)
        let approved = grant.state
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(selection))
        #expect(grant.event(.issuanceDeferred(previous: approved)) == .respondPending(waitSeconds: 5))
        #expect(grant.state.status == .approved && grant.state.outcome == nil)
        clock.advance(by: .seconds(5))
        #expect(grant.event(.continuationCall) == .issueTokens(selection))
    }

    @Test func selectionsStoredBeforeAssertionsStillDecode() throws {
        let old = Array(#"{"rights":[[0,1]],"subjectFormats":["opaque"]}"#.utf8)
        let selection = try JSONDecoder().decode(ApprovalSelection.self, from: Data(old))
        #expect(selection == ApprovalSelection(rights: [[0, 1]], subjectFormats: ["opaque"], assertionFormats: []))
        #expect(!ApprovalSelection(rights: [[]], subjectFormats: [], assertionFormats: ["id_token"]).isEmpty)
        let request = try JSONDecoder().decode(
            ApprovalRequest.self, from: Data(#"{"rights":["0.0"],"subject_formats":[]}"#.utf8))
        #expect(request.assertionFormats == [])
    }
}
