import ASBackendTestSupport
import GNAP
import GNAPStorage
import HTTPMessageSignatures
import Testing

/// Account changes write their audit entries in the transaction that makes the change.
@Suite("Account store: changes with their audit entries, on every backend")
struct AccountStoreAuditTests {
    let clock = ManualClock()

    func device(for account: Account) throws -> ApproverDevice {
        let jwk = try SigningKey.generateEd25519().publicJWK()
        return ApproverDevice(
            id: Secrets.identifier(), accountID: account.id, name: "laptop", jwk: jwk, thumbprint: try jwk.thumbprint(),
            enrolledAt: clock.now)
    }

    func event(_ kind: AuditEventKind, _ account: Account) -> AuditEvent {
        AuditEvent(grantID: nil, at: clock.now, kind: kind, detail: "", accountID: account.id)
    }

    @Test(arguments: TestBackend.allCases)
    func enrollmentRedeemsTheCodeAndStoresTheDeviceWithItsAuditEntry(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("alice", at: clock.now)
            try await database.insertAccount(account, audit: [event(.accountCreated, account)])
            try await database.insertEnrollmentCode(
                EnrollmentCodeRecord(
                    codeHash: "code", accountID: account.id, createdAt: clock.now,
                    expiresAt: clock.now.advanced(by: .seconds(60))),
                audit: [event(.enrollmentInvited, account)])
            let device = try device(for: account)
            let audit = event(.deviceEnrolled, account)
            let enrolled = try await database.enrollDevice(codeHash: "code", at: clock.now) { _ in (device, [audit]) }
            #expect(enrolled?.device == device && enrolled?.account == account)
            #expect(try await database.device(id: device.id) == device)
            let kinds = try await database.auditEntries(AuditQuery()).map(\.event.kind)
            #expect(kinds == [.accountCreated, .enrollmentInvited, .deviceEnrolled])
            // The code is spent.
            #expect(try await database.enrollDevice(codeHash: "code", at: clock.now) { _ in (device, []) } == nil)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func aRefusedEnrollmentLeavesTheCodeUnusedAndWritesNothing(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("bob", at: clock.now)
            try await database.insertAccount(account)
            try await database.insertEnrollmentCode(
                EnrollmentCodeRecord(
                    codeHash: "code", accountID: account.id, createdAt: clock.now,
                    expiresAt: clock.now.advanced(by: .seconds(60))))
            let device = try device(for: account)
            #expect(try await database.enrollDevice(codeHash: "code", at: clock.now) { _ in nil } == nil)
            #expect(try await database.devices(accountID: account.id).isEmpty)
            #expect(try await database.latestAuditEntryID() == 0)
            // A key enrolled already is a conflict, and the code is still not spent.
            try await test.insertDevice(device)
            await #expect(throws: StoreError.self) {
                try await database.enrollDevice(codeHash: "code", at: clock.now) { _ in (device, []) }
            }
            #expect(try await test.redeemEnrollmentCode(hash: "code", at: clock.now)?.accountID == account.id)
        }
    }

    @Test(arguments: TestBackend.allCases)
    func anAccountChangeIsAuditedOnlyWhenSomethingChanged(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let database = test.store
            let account = Fixtures.account("dave", at: clock.now)
            try await database.insertAccount(account)
            let disabled = event(.accountDisabled, account)
            let audit: @Sendable (Account) -> [AuditEvent] = { _ in [disabled] }
            clock.advance(by: .seconds(5))
            let changed = try await database.updateAccount(id: account.id, at: clock.now, audit: audit) {
                $0.disabled = true
            }
            #expect(changed.disabled && changed.updatedAt == clock.now)
            try await database.updateAccount(id: account.id, at: clock.now, audit: audit) { $0.disabled = true }
            #expect(try await database.auditEntries(AuditQuery()).map(\.event.kind) == [.accountDisabled])
        }
    }
}
