import GNAP
import HTTPMessageSignatures
import Testing

@Suite("Grant request validation (RFC 9635 §2)")
struct GrantRequestValidationTests {
    let validator = GrantRequestValidator()
    static let jwk = try! SigningKey.generateEd25519(keyID: "k1").publicJWK()

    static func body(
        accessToken: String = #"{"access": [{"type": "photo-api", "actions": ["read"]}, "dolphin-metadata"]}"#,
        client: String? = nil, interact: String = #"{"start": ["user_code"]}"#, extra: String = ""
    ) -> String {
        let jwkJSON = String(decoding: try! GNAPJSON.encode(jwk), as: UTF8.self)
        let clientJSON = client ?? #"{"key": {"proof": "httpsig", "jwk": \#(jwkJSON)}, "display": {"name": "TV"}}"#
        return #"{"access_token": \#(accessToken), "client": \#(clientJSON), "interact": \#(interact)\#(extra)}"#
    }

    func validate(_ body: String) throws(GNAPError) -> ValidatedGrantRequest {
        try validator.validate(body: Array(body.utf8))
    }

    func expectError(
        _ code: GNAPError.Code, _ body: String, mentioning fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try validate(body)
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.errorDescription?.contains(fragment) == true, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func acceptsObjectsAndReferences() throws {
        let validated = try validate(Self.body())
        #expect(validated.tokens.count == 1)
        #expect(validated.tokens[0].access[0] == .object(AccessRightObject(type: "photo-api", actions: ["read"])))
        #expect(validated.tokens[0].access[1] == .reference("dolphin-metadata"))
        #expect(validated.clientKey?.algorithm == .ed25519)
        #expect(validated.clientKey?.thumbprint == (try Self.jwk.thumbprint()))
        #expect(validated.startModes == ["user_code"])
    }

    @Test func keepsApiSpecificMembersAndIgnoresUnknownTopLevelMembers() throws {
        let validated = try validate(
            Self.body(
                accessToken: #"{"access": [{"type": "bank", "max_amount": 10, "currency": "EUR"}]}"#,
                extra: #", "future_extension": {"x": 1}"#))
        guard case .object(let object) = validated.tokens[0].access[0] else {
            Issue.record("expected an object")
            return
        }
        #expect(object.additional == ["max_amount": .number(10), "currency": .string("EUR")])
    }

    @Test func multipleTokensNeedUniqueLabels() throws {
        let two = #"[{"label": "a", "access": ["x"]}, {"label": "b", "access": ["y"]}]"#
        #expect(try validate(Self.body(accessToken: two)).tokens.map(\.label) == ["a", "b"])
        expectError(.invalidRequest, Self.body(accessToken: #"[{"access": ["x"]}]"#), mentioning: "label")
        expectError(
            .invalidRequest,
            Self.body(accessToken: #"[{"label": "a", "access": ["x"]}, {"label": "a", "access": ["y"]}]"#),
            mentioning: "used twice")
        // A bad element inside the array is reported where it is, not as "the array has the wrong type".
        expectError(
            .invalidRequest,
            Self.body(accessToken: #"[{"label": "a", "access": ["x"]}, {"label": "b", "access": [7]}]"#),
            mentioning: "'access_token[1].access[0]'")
    }

    @Test func subjectFormatsAreFilteredToSupportedOnes() throws {
        let request =
            #"{"subject": {"sub_id_formats": ["opaque", "did", "email"]}, "client": "inst-1", "interact": {"start": ["user_code_uri", "carrier_pigeon"]}}"#
        let validated = try validate(request)
        #expect(validated.subjectFormats == ["opaque", "email"])
        #expect(validated.clientReference == "inst-1")
        #expect(validated.startModes == ["user_code_uri"])
    }

    @Test func malformedRequestsGetTheRightCode() {
        expectError(.invalidRequest, "", mentioning: "no JSON")
        expectError(.invalidRequest, "{", mentioning: "not valid JSON")
        expectError(.invalidRequest, "[]", mentioning: "wrong type")
        expectError(
            .invalidRequest, #"{"client": "x", "interact": {"start": ["user_code"]}}"#,
            mentioning: "'access_token' or 'subject'")
        expectError(.invalidRequest, Self.body(accessToken: #"{"access": []}"#), mentioning: "must not be empty")
        expectError(
            .invalidRequest, Self.body(accessToken: #"{"access": [{"actions": ["read"]}]}"#),
            mentioning: "'access_token.access[0].type' is required")
        expectError(.invalidRequest, Self.body(accessToken: #"{"access": [{"type": ""}]}"#), mentioning: "type")
        expectError(.invalidRequest, Self.body(accessToken: #"{"access": [""]}"#), mentioning: "empty reference")
        expectError(.invalidRequest, Self.body(accessToken: #"{"access": [42]}"#), mentioning: "access")
        // §2.5: no usable start mode is `invalid_interaction` (more cases in FinishValidationTests).
        expectError(.invalidInteraction, Self.body(interact: #"{"start": []}"#), mentioning: "lists no start mode")
        expectError(.invalidInteraction, Self.body(interact: #"{"start": ["fax"]}"#), mentioning: "supported")
    }

    /// §1.6.3, §1.6.4: without `interact` the shape is valid; whether the AS can reach the resource owner is the
    /// server's decision (its policy and the named user), tested in GNAPServerTests.
    @Test func aRequestWithoutInteractIsLeftToTheServer() throws {
        let validated = try GrantRequestValidator().validate(
            body: Array(#"{"access_token": {"access": ["x"]}, "client": "c"}"#.utf8))
        #expect(!validated.interacts && validated.startModes.isEmpty && validated.finish == nil)
    }

    @Test func flagsAreChecked() {
        expectError(
            .invalidFlag, Self.body(accessToken: #"{"access": ["x"], "flags": ["bearer"]}"#), mentioning: "bearer")
        expectError(
            .invalidFlag, Self.body(accessToken: #"{"access": ["x"], "flags": ["shiny"]}"#), mentioning: "shiny")
        expectError(
            .invalidFlag, Self.body(accessToken: #"{"access": ["x"], "flags": ["bearer", "bearer"]}"#),
            mentioning: "repeated")
    }

    @Test func clientKeysAreChecked() throws {
        let jwkJSON = String(decoding: try GNAPJSON.encode(Self.jwk), as: UTF8.self)
        expectError(
            .invalidClient, Self.body(client: #"{"key": {"proof": "mtls", "jwk": \#(jwkJSON)}}"#), mentioning: "mtls")
        expectError(.invalidClient, Self.body(client: #"{"key": {"proof": "httpsig"}}"#), mentioning: "jwk")
        let privateJSON = String(
            decoding: try GNAPJSON.encode(SigningKey.generateEd25519().privateJWK()), as: UTF8.self)
        expectError(
            .invalidClient, Self.body(client: #"{"key": {"proof": "httpsig", "jwk": \#(privateJSON)}}"#),
            mentioning: "private")
        expectError(
            .invalidClient,
            Self.body(client: #"{"key": {"proof": "httpsig", "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}}}"#),
            mentioning: "unusable")
        expectError(
            .invalidClient,
            Self.body(
                client:
                    #"{"key": {"proof": {"method": "httpsig", "alg": "ecdsa-p256-sha256", "content-digest-alg": "sha-256"}, "jwk": \#(jwkJSON)}}"#
            ),
            mentioning: "unusable")
        expectError(
            .invalidClient,
            Self.body(client: #"{"key": {"proof": {"method": "httpsig", "alg": "ed25519"}, "jwk": \#(jwkJSON)}}"#),
            mentioning: "content-digest-alg")
        expectError(
            .invalidClient, #"{"access_token": {"access": ["x"]}, "interact": {"start": ["user_code"]}}"#,
            mentioning: "client")
        let objectForm = Self.body(
            client:
                #"{"key": {"proof": {"method": "httpsig", "alg": "ed25519", "content-digest-alg": "sha-512"}, "jwk": \#(jwkJSON)}}"#
        )
        #expect(try validate(objectForm).clientKey?.contentDigestAlgorithm == .sha512)
    }

    @Test func errorsEncodeAsRFC9635JSON() throws {
        let encoded = String(
            decoding: try GNAPJSON.encode(GrantResponse(error: GNAPError(.userDenied, "no"))), as: UTF8.self)
        #expect(encoded == #"{"error":{"code":"user_denied","description":"no"}}"#)
        let bare = try GNAPJSON.decode(GrantResponse.self, from: Array(#"{"error": "too_fast"}"#.utf8))
        #expect(bare.error == GNAPError(.tooFast))
    }
}
