import ASBackendTestSupport
import GNAP
import GNAPServer
import Testing

/// RFC 9767 on two AS instances sharing one database (SQLite opened twice, or PostgreSQL through two connection
/// pools): what one instance stored about RSes, resource sets and tokens, the other answers with.
@Suite("Resource servers across two AS instances, on every backend")
struct ResourceServersOnTwoInstancesTests {
    static let notes = TestResourceServer(id: "notes-rs")
    static let photos = TestResourceServer(id: "photos-rs")

    @Test(arguments: TestBackend.allCases)
    func setsTokensAndDerivedTokensAreKnownToTheOtherInstance(_ backend: TestBackend) async throws {
        try await TestStore.with(backend) { test in
            let other = try await test.reopen()
            do {
                let first = try await ASHarness(
                    store: test.store, coordination: test.coordination,
                    prepare: { store, clock in
                        let servers = [
                            Self.notes.record(types: ["notes"], name: "Notes", at: clock.now),
                            Self.photos.record(types: ["photo-api"], name: "Photos", at: clock.now),
                        ]
                        try await ResourceServerRegistration.apply(
                            ResourceServerRegistry(entries: servers), to: store, now: clock.now)
                    })
                let second = try await ASHarness(store: other.store, coordination: other.coordination, shared: first)
                try await first.run { a in
                    try await second.run { b in try await Self.exercise(first, a, b, other: other.store) }
                }
            } catch {
                await other.close()
                throw error
            }
            await other.close()
        }
    }

    private static func exercise(
        _ first: ASHarness, _ a: ASHarness.Client, _ b: ASHarness.Client, other: any ASStore
    ) async throws {
        // A resource set registered through the first instance is the second's.
        let registered = try await a.registerSet([TestRights.notesRead], as: notes)
        #expect(registered.status == .ok)
        let reference = try registered.decode(ResourceSetRegistrationResponse.self).resourceReference
        #expect(try await other.resourceSet(reference: reference)?.resourceServerID == notes.id)
        let again = try await b.registerSet([TestRights.notesRead], as: notes)
        #expect(try again.decode(ResourceSetRegistrationResponse.self).resourceReference == reference)

        // A token issued by the first is introspected by the second; the second derives a token from it (§4),
        // which the first introspects, with its parent stored beside it.
        let (_, tokens) = try await first.approvedGrant(a, access: [TestRights.notesRead, TestRights.photos])
        #expect(try await b.introspect(tokens[0].value, as: notes).introspection?.token != nil)
        let derived = try await b.send(
            .post, "/gnap",
            json: TokenChainingTests.chaining(tokens[0].value, access: [TestRights.photos], as: notes),
            key: notes.key)
        #expect(derived.status == .ok, "\(String(describing: derived.error))")
        let value = try #require(derived.tokens.first).value
        #expect(try await a.introspect(value, as: photos).introspection?.token != nil)
        let record = try #require(try await first.store.accessToken(hash: Secrets.hash(value)))
        let parent = try #require(try await other.accessToken(hash: Secrets.hash(tokens[0].value)))
        #expect(record.parentTokenID == parent.id)
    }
}
