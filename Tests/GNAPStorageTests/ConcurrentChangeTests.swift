import ASBackendTestSupport
import GNAP
import HTTPMessageSignatures
import Testing

/// Two AS instances on one database changing the same thing at the same moment: each change runs on the other's
/// result, so a decision, a code redemption or a continuation happens exactly once.
@Suite("Concurrent changes from two instances, on every backend")
struct ConcurrentChangeTests {
    let clock = ManualClock()

    /// Two approvers enter the same user code on two instances: the interaction binds to exactly one of them, and
    /// exactly one `code.entered` entry is written.
    @Test(arguments: TestBackend.allCases)
    func aCodeBindsToOneApprover(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            let instance = try Fixtures.instance(at: clock.now)
            try await test.store.insertClientInstance(instance)
            let (alice, bob) = (Fixtures.account("alice", at: clock.now), Fixtures.account("bob", at: clock.now))
            try await test.store.insertAccount(alice)
            try await test.store.insertAccount(bob)
            for round in 0..<15 {
                let grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: "code-\(round)")
                try await test.store.insertGrant(grant, audit: [])
                async let first = bind(test.store, grant.id, ApproverRef(accountID: alice.id, deviceID: "a"))
                async let second = bind(other.store, grant.id, ApproverRef(accountID: bob.id, deviceID: "b"))
                let outcomes = await [first, second]
                #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
                #expect(try await test.store.auditEvents(grantID: grant.id).map(\.kind) == [.codeEntered])
            }
            await other.close()
        }
    }

    /// The continuation token rotates once per call: two calls presenting the same token on two instances, each
    /// checking it inside its transaction, let exactly one through.
    @Test(arguments: TestBackend.allCases)
    func aContinuationTokenIsSpentOnce(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            let instance = try Fixtures.instance(at: clock.now)
            try await test.store.insertClientInstance(instance)
            for round in 0..<15 {
                let token = Secrets.token()
                var grant = Fixtures.grant(instance: instance, clock: clock, userCodeHash: nil)
                grant.continuationTokenHash = Secrets.hash(token)
                try await test.store.insertGrant(grant, audit: [])
                let id = grant.id
                async let first = rotate(test.store, id, presenting: token)
                async let second = rotate(other.store, id, presenting: token)
                let outcomes = await [first, second]
                #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
            }
            await other.close()
        }
    }

    /// One enrollment code redeemed on two instances at once enrolls one device.
    @Test(arguments: TestBackend.allCases)
    func anEnrollmentCodeIsRedeemedOnce(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            let account = Fixtures.account("carol", at: clock.now)
            try await test.store.insertAccount(account)
            for round in 0..<15 {
                try await test.store.insertEnrollmentCode(
                    EnrollmentCodeRecord(
                        codeHash: "enroll-\(round)", accountID: account.id, createdAt: clock.now,
                        expiresAt: clock.now.advanced(by: .seconds(60))))
                async let first = enroll(test.store, code: "enroll-\(round)", account: account)
                async let second = enroll(other.store, code: "enroll-\(round)", account: account)
                let outcomes = try await [first, second]
                #expect(outcomes.filter { $0 }.count == 1, "round \(round)")
            }
            #expect(try await test.store.devices(accountID: account.id).count == 15)
            await other.close()
        }
    }

    func bind(_ store: any ASStore, _ grantID: String, _ approver: ApproverRef) async -> Bool {
        do {
            try await store.change(grantID: grantID, clock: clock) { change in
                try change.require(.codeEntered(by: approver), yields: .interactionBound)
                change.audit(.codeEntered, "entered", accountID: approver.accountID)
            }
            return true
        } catch {
            return false
        }
    }

    func rotate(_ store: any ASStore, _ grantID: String, presenting token: String) async -> Bool {
        do {
            try await store.change(grantID: grantID, clock: clock) { change in
                guard Secrets.matches(token, storedHash: change.record.continuationTokenHash) else {
                    throw StoreError.conflict("continuation token")
                }
                _ = change.rotateContinuation(uri: "https://as.example/continue", wait: 5)
            }
            return true
        } catch {
            return false
        }
    }

    func enroll(_ store: any ASStore, code: String, account: Account) async throws -> Bool {
        let jwk = try SigningKey.generateEd25519().publicJWK()
        let device = ApproverDevice(
            id: Secrets.identifier(), accountID: account.id, name: "laptop", jwk: jwk, thumbprint: try jwk.thumbprint(),
            enrolledAt: clock.now)
        return try await store.enrollDevice(codeHash: code, at: clock.now) { _ in (device, []) } != nil
    }
}
