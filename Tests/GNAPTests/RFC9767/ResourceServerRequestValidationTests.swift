import GNAP
import HTTPMessageSignatures
import Testing

/// Bad RS-facing input gets a clear error naming what is wrong (RFC 9767 §3.2–§3.5, §4).
@Suite struct ResourceServerRequestValidationTests {
    static func introspection(_ json: String) throws(GNAPError) -> TokenIntrospectionRequest {
        let request = try GNAPJSON.decodeRequest(TokenIntrospectionRequest.self, from: Array(json.utf8))
        try request.validate()
        return request
    }

    /// The GNAP error `body` throws, nil when it succeeds.
    static func refusal(_ body: () throws -> Void) -> GNAPError? {
        do {
            try body()
            return nil
        } catch let error as GNAPError {
            return error
        } catch {
            Issue.record("not a GNAPError: \(error)")
            return nil
        }
    }

    @Test func introspectionRequestsNeedTheirMembers() {
        let missingToken = Self.refusal { _ = try Self.introspection(#"{"resource_server": "rs-1"}"#) }
        #expect(missingToken == GNAPError(.invalidRequest, "'access_token' is required"))
        let missingRS = Self.refusal { _ = try Self.introspection(#"{"access_token": "abc"}"#) }
        #expect(missingRS == GNAPError(.invalidRequest, "'resource_server' is required"))
        let wrongType = Self.refusal { _ = try Self.introspection(#"{"access_token": 7, "resource_server": "rs"}"#) }
        #expect(wrongType == GNAPError(.invalidRequest, "'access_token' has the wrong type (expected a string)"))
        let notJSON = Self.refusal { _ = try Self.introspection("access_token=abc") }
        #expect(notJSON == GNAPError(.invalidRequest, "the content is not valid JSON (at line 1, column 1)"))
    }

    @Test func introspectionRequestValuesAreChecked() {
        let empty = Self.refusal { _ = try Self.introspection(#"{"access_token": "", "resource_server": "rs"}"#) }
        #expect(empty?.errorDescription == "'access_token' is empty")
        let spaces = Self.refusal {
            _ = try Self.introspection(#"{"access_token": "a b", "resource_server": "rs"}"#)
        }
        #expect(spaces?.errorDescription?.contains("token68") == true)
        let proof = Self.refusal {
            _ = try Self.introspection(#"{"access_token": "abc", "proof": "magic", "resource_server": "rs"}"#)
        }
        #expect(proof?.errorDescription == "'proof' names 'magic', not a registered proofing method")
        let access = Self.refusal {
            _ = try Self.introspection(#"{"access_token": "abc", "resource_server": "rs", "access": []}"#)
        }
        #expect(access?.code == .invalidRequest && access?.errorDescription?.contains("'access' is empty") == true)
        #expect(
            Self.refusal {
                _ = try Self.introspection(#"{"access_token": "a.b-c_d~e+f/g==", "resource_server": "rs"}"#)
            } == nil)
    }

    @Test func resourceServerIdentificationErrorsAreInvalidResourceServer() throws {
        let keyByReference = Self.refusal {
            _ = try Self.introspection(#"{"access_token": "abc", "resource_server": {"key": "k-1"}}"#)
        }
        #expect(keyByReference?.code == .invalidResourceServer)
        let emptyReference = Self.refusal { _ = try ResourceServerIdentification.reference("").validated() }
        #expect(emptyReference?.code == .invalidResourceServer)
        var key = try SigningKey.generateEd25519(keyID: "rs-key").publicJWK()
        let good = ResourceServerIdentification.value(ResourceServerKey(key: ClientKeyValue(proof: .httpsig, jwk: key)))
        guard case .key(let binding) = try good.validated() else {
            Issue.record("a valid Ed25519 key validates")
            return
        }
        #expect(binding.algorithm == .ed25519)
        key.d = "c2VjcmV0"
        let privateKey = ResourceServerIdentification.value(
            ResourceServerKey(key: ClientKeyValue(proof: .httpsig, jwk: key)))
        let refusal = Self.refusal { _ = try privateKey.validated() }
        #expect(refusal?.code == .invalidResourceServer)
        #expect(refusal?.errorDescription?.contains("the resource server key contains private key material") == true)
        let mtls = ResourceServerIdentification.value(
            ResourceServerKey(key: ClientKeyValue(proof: ProofMethod(method: "mtls"), jwk: key.publicKey)))
        #expect(Self.refusal { _ = try mtls.validated() }?.code == .invalidResourceServer)
    }

    @Test func registrationRequestsAreChecked() {
        func registration(_ json: String) throws(GNAPError) {
            try GNAPJSON.decodeRequest(ResourceSetRegistrationRequest.self, from: Array(json.utf8)).validate()
        }
        #expect(
            Self.refusal { try registration(#"{"resource_server": "rs"}"#) }?.errorDescription == "'access' is required"
        )
        #expect(
            Self.refusal { try registration(#"{"access": [], "resource_server": "rs"}"#) }?.errorDescription
                == "'access' must list at least one right")
        #expect(
            Self.refusal { try registration(#"{"access": [""], "resource_server": "rs"}"#) }?.errorDescription
                == "'access[0]' is an empty reference")
        let format = Self.refusal {
            try registration(#"{"access": ["a"], "resource_server": "rs", "token_formats_supported": ["paseto"]}"#)
        }
        #expect(format?.errorDescription?.hasPrefix("'token_formats_supported' names 'paseto'") == true)
        let typeless = Self.refusal {
            try registration(#"{"access": [{"actions": ["read"]}], "resource_server": "rs"}"#)
        }
        #expect(typeless?.errorDescription == "'access[0].type' is required")
        #expect(
            Self.refusal {
                try registration(
                    #"{"access": ["a"], "resource_server": "rs", "token_formats_supported": ["jwt-signed"], "#
                        + #""token_introspection_required": true}"#)
            } == nil)
    }

    @Test func chainingRequestsAreChecked() throws {
        func chaining(_ json: String) throws(GNAPError) -> String {
            try GNAPJSON.decodeRequest(GrantRequest.self, from: Array(json.utf8)).validateChaining()
        }
        let access = #""access_token": {"access": ["notes"]}"#
        #expect(try chaining(#"{\#(access), "client": "rs-1", "existing_access_token": "T0K3N"}"#) == "T0K3N")
        #expect(Self.refusal { _ = try chaining(#"{\#(access), "client": "rs-1"}"#) }?.code == .invalidRequest)
        #expect(
            Self.refusal { _ = try chaining(#"{\#(access), "existing_access_token": "T0K3N"}"#) }?.code
                == .invalidClient)
        #expect(
            Self.refusal { _ = try chaining(#"{"client": "rs-1", "existing_access_token": "T0K3N"}"#) }?.code
                == .invalidRequest)
        let interact = Self.refusal {
            _ = try chaining(
                #"{\#(access), "client": "rs-1", "existing_access_token": "T", "interact": {"start": ["user_code"]}}"#)
        }
        #expect(interact?.code == .invalidInteraction)
        #expect(
            Self.refusal { _ = try chaining(#"{\#(access), "client": "rs", "existing_access_token": "a b"}"#) }?
                .code == .invalidRequest)
    }
}
