import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import HTTPMessageSignatures

/// Turns an RFC 9635 example into a request this test can sign, and an AS that knows what the examples name.
///
/// The examples carry keys whose private halves are not published (the RSA `n` is even elided as `"...."`), so the
/// test signs with its own Ed25519 key and puts that key where the example has one: in `client.key.jwk` when the
/// proof is `httpsig`, and in the registration of the client instances the examples name by reference. Nothing else
/// of the example is changed; pieces of a request (`"access": [...]`, `"key": {...}`) are placed where §2 says they
/// belong, next to the smallest rest of a request that makes them whole.
enum RFCExampleHarness {
    /// The user reference of §2.4.1, given to an account of the test AS as its `opaque` subject identifier.
    static let referencedUser = "XUT2MFM1XBIKJKSDU8QM"

    /// An AS whose catalog describes the examples' access types and references, with the user of §2.4.1 and, when
    /// the example names its client by reference (§2.3.1: "client-541-ab", Appendix B: "7C7C4AZ9KHRS6X63AJAO"),
    /// that client registered with the test's key.
    static func server(clientKey: SigningKey, registering clientID: String?) async throws -> ASHarness {
        try await ASHarness(
            configure: { configuration in
                // The examples ask for bearer tokens (§2.1.1) and push finishes to their client's host (§2.5.2.2).
                configuration.requestPolicy.allowsBearerTokens = true
                configuration.requestPolicy.finish.pushHosts = ["client.example.net"]
                configuration.catalog = AccessCatalog(
                    types: ["photo-api": "Photos", "financial-transaction": "Payments"],
                    references: [
                        "dolphin-metadata": "Dolphin metadata", "read": "Read", "write": "Write",
                        "some other thing": "Some other thing", "backend service": "A backend service",
                        "nightly-routine-3": "The nightly routine", "photo-api": "Photos",
                        "FWWIKYBQ6U56NL1": "What the RS asked for (§9.1)",
                    ])
            },
            prepare: { store, clock in
                if let clientID {
                    try await ClientRegistration.apply(
                        try registry(id: clientID, key: clientKey), to: store, now: clock.now)
                }
                try await store.insertAccount(
                    Account(
                        id: "account-rfc-user", username: "rfc-user", displayName: "The RFC's user", role: .user,
                        opaqueSubject: referencedUser, email: "user@example.com", createdAt: clock.now))
            })
    }

    static func registry(id: String, key: SigningKey) throws -> ClientRegistry {
        let jwk = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(try key.publicJWK())))
        let clients: [[String: Any]] = [
            ["id": id, "key": ["proof": "httpsig", "jwk": jwk], "display": ["name": "Registered \(id)"]]
        ]
        return try ClientRegistry.load(from: Array(try JSONSerialization.data(withJSONObject: ["clients": clients])))
    }

    /// A client key for the example: of the algorithm its proof object names (§7.3.1 `alg`), else Ed25519.
    static func clientKey(forJSON json: String) throws -> SigningKey {
        let text = json.replacingOccurrences(of: #"\s+"#, with: "", options: .regularExpression)
        var algorithm = SignatureAlgorithm.ed25519
        if let match = text.firstMatch(of: #/"method":"httpsig","alg":"([a-z0-9_-]+)"/#) {
            let name = String(match.output.1)
            algorithm = try SignatureAlgorithm(rawValue: name).unwrap(or: ExampleError("unknown alg \(name)"))
        }
        var key = try SigningKey.generate(for: algorithm)
        key.keyID = try key.publicJWK().thumbprint()
        return key
    }

    /// The grant request an example stands for, as JSON bytes ready to sign. A fragment, or a key's proof shown
    /// alone (§7.1), is completed into the smallest request this AS serves: one that asks for a user code, since
    /// this AS always asks a person (§2.5).
    static func grantRequest(fromJSON json: String, fragment: Bool, clientKey: SigningKey) throws -> [UInt8] {
        guard
            var request = try JSONSerialization.jsonObject(
                with: Data(json.utf8), options: [.mutableContainers]) as? [String: Any]
        else { throw ExampleError("the example is not a JSON object") }
        if (fragment || Set(request.keys) == ["proof"]) && request["interact"] == nil {
            request["interact"] = ["start": ["user_code"]]
        }
        let jwk = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(try clientKey.publicJWK())))
        // Pieces of a request are placed where they belong (§2.1 access, §2.3 client key and display, §7.1 proof).
        if let access = request.removeValue(forKey: "access") { request["access_token"] = ["access": access] }
        if let display = request.removeValue(forKey: "display") { request["client"] = ["display": display] }
        if let key = request.removeValue(forKey: "key") { request["client"] = ["key": key] }
        if let proof = request.removeValue(forKey: "proof") { request["client"] = ["key": ["proof": proof]] }
        // The rest of a request: a client (§2.3) and something to ask for (§2: access or subject information).
        var client = request["client"] as? [String: Any] ?? (request["client"] == nil ? [:] : nil)
        if var object = client {
            var key = object["key"] as? [String: Any] ?? (object["key"] == nil ? ["proof": "httpsig"] : nil)
            if var keyObject = key, keyObject["cert"] == nil, isHTTPSig(keyObject["proof"]) {
                keyObject["jwk"] = jwk
                key = keyObject
            }
            if let key { object["key"] = key }
            client = object
        }
        if let client { request["client"] = client }
        // An `interact` piece that shows only `finish` or `hints` (§2.5.2, §2.5.3) is given a start mode (§2.5.1).
        if var interact = request["interact"] as? [String: Any], interact["start"] == nil {
            interact["start"] = ["user_code"]
            request["interact"] = interact
        }
        if request["access_token"] == nil && request["subject"] == nil {
            request["access_token"] = ["access": ["dolphin-metadata"]]
        }
        return Array(try JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]))
    }

    /// §7.1: `proof` is a method name or an object with a `method`.
    static func isHTTPSig(_ proof: Any?) -> Bool {
        if let name = proof as? String { return name == "httpsig" }
        return (proof as? [String: Any])?["method"] as? String == "httpsig"
    }

    struct ExampleError: Error, CustomStringConvertible, Sendable {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension Optional {
    func unwrap(or error: some Error) throws -> Wrapped {
        guard let self else { throw error }
        return self
    }
}
