import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// Which rights concern which RS (RFC 9767 §3.3, §5.11) and what an RS may register (§3.4, §5.13).
@Suite("Resource server scope and the registry file")
struct ResourceServerDirectoryTests {
    static let key = try! ClientKeyBinding(
        ClientKeyValue(proof: .httpsig, jwk: try! SigningKey.generateEd25519(keyID: "k").publicJWK()))
    static let now = WallInstant(unixSeconds: 1_767_258_000)

    static func notes(locations: [String] = ["https://notes.test"], registered: Bool = true) -> ResourceServerRecord {
        ResourceServerRecord(
            id: "notes", key: key, displayName: "Notes", accessTypes: ["notes"], locations: locations,
            references: ["notes.all"], registered: registered, createdAt: now)
    }

    static func object(_ type: String, _ locations: [String]? = nil) -> AccessRight {
        .object(AccessRightObject(type: type, actions: ["read"], locations: locations))
    }

    @Test func anRSServesItsTypesAtItsLocationsAndItsSets() {
        let set = ResourceSetRecord(
            reference: "SET", resourceServerID: "notes", access: [Self.object("weather", ["https://w.test/a"])],
            tokenFormats: nil, introspectionRequired: false, createdAt: Self.now)
        let scope = ResourceServerScope(server: Self.notes(), sets: [set])
        #expect(scope.concerns(Self.object("notes", ["https://notes.test/notes"])))
        #expect(scope.concerns(Self.object("notes", ["https://notes.test"])))
        #expect(scope.concerns(Self.object("notes", ["https://notes.test?x=1"])))
        #expect(!scope.concerns(Self.object("notes", ["https://notes.test.evil/notes"])))
        #expect(!scope.concerns(Self.object("notes", ["https://notes.test/a", "https://evil.test/"])))
        // Without locations, a right could mean any place: not this RS's to see.
        #expect(!scope.concerns(Self.object("notes")))
        #expect(!scope.concerns(Self.object("photo-api", ["https://notes.test/"])))
        #expect(scope.concerns(.reference("notes.all")))
        #expect(scope.concerns(.reference("SET")))
        #expect(scope.concerns(Self.object("weather", ["https://w.test/a"])))
        #expect(!scope.concerns(.reference("dolphin-metadata")))
        #expect(
            scope.filter([
                Self.object("photo-api"), .reference("notes.all"), Self.object("weather", ["https://w.test/a"]),
            ])
                == [.reference("notes.all"), Self.object("weather", ["https://w.test/a"])])
        // An RS the operator no longer lists keeps only its sets.
        let dropped = ResourceServerScope(server: Self.notes(registered: false), sets: [set])
        #expect(!dropped.concerns(Self.object("notes", ["https://notes.test/notes"])))
        #expect(dropped.concerns(.reference("SET")))
    }

    @Test func registrationStaysWithinWhatTheRSIs() {
        let notes = Self.notes()
        var dynamic = Self.notes(locations: [])
        dynamic.id = "dyn"
        dynamic.registered = false
        dynamic.accessTypes = []
        let directory = ResourceServerDirectory(servers: [notes, dynamic])
        #expect(directory.registrationProblem([Self.object("notes", ["https://notes.test/n"])], by: notes) == nil)
        #expect(directory.registrationProblem([.reference("notes.all")], by: notes) == nil)
        #expect(directory.registrationProblem([Self.object("photo-api", ["https://notes.test/"])], by: notes) != nil)
        #expect(directory.registrationProblem([.reference("dolphin-metadata")], by: notes) != nil)
        #expect(directory.registrationProblem([Self.object("weather")], by: dynamic) == nil)
        #expect(directory.registrationProblem([Self.object("notes")], by: dynamic)?.contains("'notes'") == true)
        #expect(directory.registrationProblem([.reference("notes.all")], by: dynamic) != nil)
        #expect(directory.servers(concerning: Self.object("notes", ["https://notes.test/"])).map(\.id) == ["notes"])
    }

    @Test func theRegistryFileIsChecked() throws {
        let jwk = String(
            decoding: try GNAPJSON.encode(try SigningKey.generateEd25519(keyID: "k").publicJWK()), as: UTF8.self)
        func load(_ entry: String) throws(ConfigurationFileError) -> ResourceServerRegistry {
            try ResourceServerRegistry.load(from: Array(#"{"resource_servers":[\#(entry)]}"#.utf8), now: Self.now)
        }
        let good = try load(
            #"{"id":"notes","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"Notes","access_types":["notes"],"locations":["https://notes.test"],"references":["notes.all"]}"#
        )
        #expect(good.entries.first?.registered == true)
        #expect(good.entries.first?.references == ["notes.all"])
        let bad: [(String, String)] = [
            (
                #"{"id":"no spaces","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"N","access_types":["n"]}"#,
                "'resource_servers[0].id'"
            ),
            (
                #"{"id":"n","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":" ","access_types":["n"]}"#,
                "display_name"
            ),
            (
                #"{"id":"n","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"N","access_types":[]}"#,
                "access_types"
            ),
            (
                #"{"id":"n","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"N","access_types":["n"],"locations":["/relative"]}"#,
                "locations"
            ),
            (#"{"id":"n","display_name":"N","access_types":["n"]}"#, "key"),
        ]
        for (entry, named) in bad {
            let error = #expect(throws: ConfigurationFileError.self) { try load(entry) }
            #expect(error?.description.contains(named) == true, "\(error?.description ?? "") should name \(named)")
        }
        let twice = #expect(throws: ConfigurationFileError.self) {
            try load(
                #"{"id":"a","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"A","access_types":["a"]},{"id":"b","key":{"proof":"httpsig","jwk":\#(jwk)},"display_name":"B","access_types":["b"]}"#
            )
        }
        #expect(twice?.description.contains("already the key") == true)
    }
}
