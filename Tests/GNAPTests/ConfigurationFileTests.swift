import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

@Suite("AS configuration files: access catalog and client registry")
struct ConfigurationFileTests {
    func catalog(_ json: String) throws(ConfigurationFileError) -> AccessCatalog {
        try AccessCatalog.load(from: Array(json.utf8))
    }

    @Test func loadsAnAccessCatalog() throws {
        let loaded = try catalog(
            #"{"types": {"photo-api": "Photos"}, "references": {"dolphin-metadata": "Dolphins"}}"#)
        #expect(loaded == AccessCatalog(types: ["photo-api": "Photos"], references: ["dolphin-metadata": "Dolphins"]))
        #expect(!loaded.refusesUnknownReferences)
        #expect(try catalog(#"{"references": {"a": "A"}, "refuse_unknown_references": true}"#).refusesUnknownReferences)
    }

    @Test func refusesBadCatalogs() {
        let cases: [(String, String)] = [
            ("{", "not valid JSON"),
            ("{}", "describes no 'types' and no 'references'"),
            (#"{"types": {"a": "  "}}"#, "'types.a' has no description"),
            (#"{"types": {"": "x"}}"#, "'types' has an empty name"),
            (#"{"types": {"a": 1}}"#, "'types.a' has the wrong type"),
            (#"{"types": {"a": "A"}, "refuse_unknown_references": "yes"}"#, "'refuse_unknown_references'"),
            ("[]", "the access catalog has the wrong type"),
        ]
        for (json, fragment) in cases {
            do {
                _ = try catalog(json)
                Issue.record("\(json) should be refused")
            } catch {
                #expect(error.description.contains(fragment), "\(json): \(error)")
            }
        }
    }

    @Test func checksReferencesOnlyWhenAsked() throws {
        let tokens = [AccessTokenRequest(access: [.reference("known"), .object(AccessRightObject(type: "any"))])]
        var catalog = AccessCatalog(references: ["known": "Known"])
        try catalog.checkReferences(in: tokens)
        try catalog.checkReferences(in: [AccessTokenRequest(access: [.reference("unknown")])])
        catalog.refusesUnknownReferences = true
        try catalog.checkReferences(in: tokens)
        #expect(throws: GNAPError(.invalidRequest, "unknown access reference 'unknown'")) {
            try catalog.checkReferences(in: [AccessTokenRequest(access: [.reference("unknown")])])
        }
    }

    static func jwkJSON(_ key: SigningKey = .generateEd25519()) -> String {
        String(decoding: try! GNAPJSON.encode(try! key.publicJWK()), as: UTF8.self)
    }

    func registry(_ clients: String) throws(ConfigurationFileError) -> ClientRegistry {
        try ClientRegistry.load(from: Array(#"{"clients": [\#(clients)]}"#.utf8))
    }

    @Test func loadsAClientRegistry() throws {
        let key = SigningKey.generateEd25519()
        let loaded = try registry(
            #"{"id": "lobby-tv", "key": {"proof": "httpsig", "jwk": \#(Self.jwkJSON(key))}, "display": {"name": "Lobby TV", "uri": "https://tv.example", "logo_uri": "data:image/png;base64,AAAA"}}"#
        )
        let entry = try #require(loaded.entries.first)
        let thumbprint = try key.publicJWK().thumbprint()
        #expect(entry.id == "lobby-tv" && entry.key.thumbprint == thumbprint)
        #expect(entry.display.name == "Lobby TV")
        let record = entry.record(createdAt: WallInstant(unixSeconds: 5))
        #expect(record.registered && record.id == "lobby-tv")
        #expect(try ClientRegistry.load(from: Array(#"{"clients": []}"#.utf8)).entries.isEmpty)
    }

    @Test func refusesBadRegistries() throws {
        let key = Self.jwkJSON()
        func entry(id: String = "tv", key: String = key, display: String = #"{"name": "TV"}"#) -> String {
            #"{"id": "\#(id)", "key": {"proof": "httpsig", "jwk": \#(key)}, "display": \#(display)}"#
        }
        let privateKey = String(
            decoding: try GNAPJSON.encode(try SigningKey.generateEd25519().privateJWK()), as: UTF8.self)
        let cases: [(String, String)] = [
            (entry(id: ""), "'clients[0].id' must be 1 to 128"),
            (entry(id: "has space"), "'clients[0].id' must be 1 to 128"),
            (entry() + "," + entry(key: Self.jwkJSON()), "client 'tv' is registered twice"),
            (entry() + "," + entry(id: "other"), "'clients[1].key' is already the key of another registered client"),
            (entry(key: privateKey), "'clients[0].key': the client key contains private key material"),
            (entry(display: "{}"), "'clients[0].display.name' is required"),
            (entry(display: #"{"name": "TV", "uri": "tv.example"}"#), "'clients[0].display.uri' must be an absolute"),
            (#"{"id": "tv", "display": {"name": "TV"}}"#, "'clients[0].key' is required"),
        ]
        for (clients, fragment) in cases {
            do {
                _ = try registry(clients)
                Issue.record("\(clients) should be refused")
            } catch {
                #expect(error.description.contains(fragment), "\(error)")
            }
        }
        #expect(throws: ConfigurationFileError.self) { try ClientRegistry.load(from: Array("{}".utf8)) }
    }
}
