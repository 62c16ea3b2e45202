import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

/// The AS's answers to an RS decode only when they keep RFC 9767's rules (§3.1, §3.3), and encode back exactly.
@Suite struct ResourceServerResponseTests {
    static let key = #"{"proof": "httpsig", "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "abc", "kid": "k"}}"#

    static func introspection(_ json: String) throws -> TokenIntrospectionResponse {
        try GNAPJSON.decode(TokenIntrospectionResponse.self, from: Array(json.utf8))
    }

    @Test func inactiveCarriesNothing() throws {
        #expect(try Self.introspection(#"{"active": false}"#) == .inactive)
        // Members beside `active: false` are not trusted: an inactive token is just inactive.
        #expect(try Self.introspection(#"{"active": false, "access": ["x"], "iss": "https://as"}"#) == .inactive)
        #expect(
            String(decoding: try GNAPJSON.encode(TokenIntrospectionResponse.inactive), as: UTF8.self)
                == #"{"active":false}"#)
        #expect(throws: DecodingError.self) { try Self.introspection(#"{"access": []}"#) }
    }

    @Test func activeTokensKeepTheRules() throws {
        let bound = try Self.introspection(
            #"{"active": true, "access": ["notes"], "key": \#(Self.key), "iss": "https://as/gnap", "exp": 1700000000, "#
                + #""aud": "https://rs", "instance_id": "c-1", "label": "t", "format": "jwt-signed", "sub": "u"}"#)
        let token = try #require(bound.token)
        #expect(token.exp == 1_700_000_000 && token.aud == .single("https://rs") && token.instanceID == "c-1")
        #expect(token.format == TokenFormat.jwtSigned && !token.isBearer)
        // Round trip, including the single-string audience.
        let again = try GNAPJSON.decode(TokenIntrospectionResponse.self, from: try GNAPJSON.encode(bound))
        #expect(again == bound)
        let object = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(bound))) as? [String: Any]
        #expect(object?["active"] as? Bool == true && object?["aud"] as? String == "https://rs")

        let bearer = try Self.introspection(
            #"{"active": true, "access": [], "flags": ["bearer"], "iss": "https://as/gnap", "aud": ["a", "b"]}"#)
        #expect(bearer.token?.isBearer == true && bearer.token?.aud?.values == ["a", "b"])
        #expect(bearer.token?.access == [])
    }

    @Test func nonConformingIntrospectionResponsesAreRefused() {
        let cases: [(String, String)] = [
            (#"{"active": true, "access": [], "key": \#(Self.key)}"#, "iss"),
            (#"{"active": true, "key": \#(Self.key), "iss": "https://as"}"#, "access"),
            (#"{"active": true, "access": [], "iss": "https://as"}"#, "key"),
            (#"{"active": true, "access": [], "flags": ["bearer"], "key": \#(Self.key), "iss": "x"}"#, "key"),
            (#"{"active": true, "access": [], "key": \#(Self.key), "iss": "x", "value": "T0K3N"}"#, "value"),
        ]
        for (json, member) in cases {
            let error = #expect(throws: GNAPError.self) {
                try GNAPJSON.decodeRequest(TokenIntrospectionResponse.self, from: Array(json.utf8))
            }
            #expect(error?.errorDescription?.contains("'\(member)'") == true, "\(json): \(String(describing: error))")
        }
    }

    @Test func discoveryIsChecked() throws {
        let json = #"""
            {"grant_request_endpoint": "https://as.example/gnap", "introspection_endpoint": "https://as.example/introspect",
             "resource_registration_endpoint": "https://as.example/resource", "token_formats_supported": ["jwt-signed"],
             "key_proofs_supported": ["httpsig"], "gnapterm_interaction_endpoint": "https://as.example/interact/v1",
             "something_new": true}
            """#
        let document = try GNAPJSON.decode(ResourceServerDiscovery.self, from: Array(json.utf8))
        try document.validate()
        #expect(document.introspectionEndpoint == "https://as.example/introspect")
        #expect(document.interactionEndpoint == "https://as.example/interact/v1")

        func refusal(_ change: (inout ResourceServerDiscovery) -> Void) -> String? {
            var changed = document
            change(&changed)
            do {
                try changed.validate()
                return nil
            } catch {
                return error.errorDescription
            }
        }
        #expect(
            refusal { $0.grantRequestEndpoint = "http://as.example/gnap" }
                == "'grant_request_endpoint' must be an https URL")
        #expect(
            refusal { $0.introspectionEndpoint = "/introspect" } == "'introspection_endpoint' is not an absolute URL")
        #expect(
            refusal { $0.resourceRegistrationEndpoint = "https://as.example/r#x" }
                == "'resource_registration_endpoint' must not have a fragment")
        #expect(
            refusal { $0.tokenFormatsSupported = ["jwt"] }?.hasPrefix("'token_formats_supported' names 'jwt'") == true)
        var local = document
        local.grantRequestEndpoint = "http://127.0.0.1:8080/gnap"
        #expect(throws: Never.self) { try local.validate(allowHTTP: true) }
        // Absent features stay absent on the wire (§3.1).
        let minimal = String(
            decoding: try GNAPJSON.encode(ResourceServerDiscovery(grantRequestEndpoint: "https://as/gnap")),
            as: UTF8.self)
        #expect(minimal == #"{"grant_request_endpoint":"https://as/gnap"}"#)
    }

    @Test func structuredTokenClaims() throws {
        let claims = AccessTokenClaims(
            iss: "https://as/gnap", aud: .single("https://rs"),
            cnf: TokenConfirmation(jkt: "thumb", proof: .httpsig), access: [.reference("notes")], iat: 100,
            exp: 200, jti: "t-1", clientID: "c-1", label: "l", grant: "g-1")
        try claims.validate()
        let json = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(claims))) as? [String: Any]
        #expect(
            json?["client_id"] as? String == "c-1" && (json?["cnf"] as? [String: Any])?["jkt"] as? String == "thumb")
        #expect(try GNAPJSON.decode(AccessTokenClaims.self, from: try GNAPJSON.encode(claims)) == claims)

        var bearerWithKey = claims
        bearerWithKey.flags = [AccessTokenFlag.bearer]
        #expect(throws: GNAPError(.invalidRequest, "a bearer token must not carry 'cnf'")) {
            try bearerWithKey.validate()
        }
        var unbound = claims
        unbound.cnf = nil
        #expect(throws: GNAPError(.invalidRequest, "a bound token must carry 'cnf'")) { try unbound.validate() }
        var emptyBinding = claims
        emptyBinding.cnf = TokenConfirmation(proof: .httpsig)
        #expect(throws: GNAPError.self) { try emptyBinding.validate() }
        var backwards = claims
        backwards.exp = 50
        #expect(throws: GNAPError(.invalidRequest, "'exp' is not after the token's start")) { try backwards.validate() }
    }
}
