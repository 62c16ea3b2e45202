import GNAP
import HTTPMessageSignatures
import Testing

@Suite("Validation of user, subject and hints (RFC 9635 §2.2, §2.4, §2.5.3)")
struct UserRequestValidationTests {
    let validator = GrantRequestValidator()

    func validate(user: String? = nil, subject: String? = nil, hints: String? = nil) throws(GNAPError)
        -> ValidatedGrantRequest
    {
        let interact = hints.map { #"{"start": ["user_code"], "hints": \#($0)}"# } ?? #"{"start": ["user_code"]}"#
        var extra = ""
        if let user { extra += #", "user": \#(user)"# }
        if let subject { extra += #", "subject": \#(subject)"# }
        return try validator.validate(
            body: Array(GrantRequestValidationTests.body(interact: interact, extra: extra).utf8))
    }

    func expectInvalid(
        user: String? = nil, subject: String? = nil, hints: String? = nil, mentioning fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try validate(user: user, subject: subject, hints: hints)
            Issue.record("expected invalid_request", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .invalidRequest, sourceLocation: sourceLocation)
            #expect(error.errorDescription?.contains(fragment) == true, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func acceptsTheRFCExamples() throws {
        // §2.4 and §2.4.1 examples.
        let byValue = try validate(
            user:
                #"{"sub_ids": [{"format": "opaque", "id": "J2G8G8O4AZ"}], "assertions": [{"format": "id_token", "value": "eyj..."}]}"#
        )
        #expect(
            byValue.request.user
                == .value(
                    UserValue(
                        subIDs: [.opaque("J2G8G8O4AZ")], assertions: [Assertion(format: "id_token", value: "eyj...")])))
        #expect(try validate(user: #""XUT2MFM1XBIKJKSDU8QM""#).request.user == .reference("XUT2MFM1XBIKJKSDU8QM"))
        // §2.5.3 example.
        #expect(try validate(hints: #"{"ui_locales": ["en-US", "fr-CA"]}"#).uiLocales == ["en-US", "fr-CA"])
    }

    @Test func refusesMalformedUsers() {
        expectInvalid(user: #""""#, mentioning: "reference of 1 to 256")
        expectInvalid(user: #"{}"#, mentioning: "'sub_ids' or 'assertions'")
        expectInvalid(user: #"{"sub_ids": []}"#, mentioning: "'sub_ids' or 'assertions'")
        expectInvalid(user: #"{"sub_ids": [{"format": "email"}]}"#, mentioning: "needs 'email'")
        expectInvalid(user: #"{"sub_ids": [{"format": "iss_sub", "iss": "x"}]}"#, mentioning: "needs 'sub'")
        expectInvalid(user: #"{"sub_ids": [{"format": ""}]}"#, mentioning: "format' must not be empty")
        expectInvalid(user: #"{"sub_ids": [{"id": "x"}]}"#, mentioning: "'user.sub_ids[0].format' is required")
        expectInvalid(user: #"{"assertions": [{"format": "id_token", "value": ""}]}"#, mentioning: "'value'")
        expectInvalid(user: #"{"assertions": [{"format": "id_token"}]}"#, mentioning: "'user.assertions[0].value'")
        expectInvalid(user: "42", mentioning: "'user'")
        expectInvalid(
            subject: #"{"sub_id_formats": ["opaque"], "sub_ids": [{"format": "opaque"}]}"#, mentioning: "needs 'id'")
    }

    @Test func filtersUnsupportedAssertionFormats() throws {
        let validated = try validate(
            subject:
                #"{"sub_id_formats": ["iss_sub", "opaque"], "assertion_formats": ["id_token", "saml2", "id_token"]}"#)
        #expect(validated.subjectFormats == ["iss_sub", "opaque"])
        #expect(validated.assertionFormats == ["id_token"])
        // Only unsupported formats asked for: valid, but nothing to release.
        let onlySAML = try validate(subject: #"{"assertion_formats": ["saml2"]}"#)
        #expect(onlySAML.assertionFormats.isEmpty && onlySAML.subjectFormats.isEmpty)
    }

    @Test func refusesMalformedLocales() {
        expectInvalid(hints: #"{"ui_locales": ["en US"]}"#, mentioning: "ui_locales[0]")
        expectInvalid(hints: #"{"ui_locales": ["en", ""]}"#, mentioning: "ui_locales[1]")
        expectInvalid(hints: #"{"ui_locales": ["123"]}"#, mentioning: "not a language tag")
        expectInvalid(hints: #"{"ui_locales": ["en-toolongsubtag"]}"#, mentioning: "not a language tag")
        expectInvalid(hints: #"{"ui_locales": "en"}"#, mentioning: "'interact.hints.ui_locales'")
        // Unknown hints are ignored (§2: extensions).
        #expect((try? validate(hints: #"{"x-other": 1}"#))?.uiLocales == [])
        #expect((try? validate(hints: #"{"ui_locales": ["zh-Hant-TW", "de-CH-1996"]}"#))?.uiLocales.count == 2)
    }
}

@Suite("The named user (RFC 9635 §2.4)")
struct RequestedUserTests {
    let issuer = "https://as.example"
    let alice = Account(
        id: "a1", username: "alice", displayName: "Alice", role: .user, opaqueSubject: "OPQ-ALICE",
        email: "Alice@Example.com", createdAt: WallInstant(unixSeconds: 0))

    func matches(_ ids: [SubjectIdentifier]) -> Bool {
        RequestedUser(subIDs: ids).matches(alice, issuer: issuer)
    }

    @Test func everyCheckableIdentifierMustMatch() {
        #expect(matches([.opaque("OPQ-ALICE")]))
        #expect(matches([.email("alice@example.COM")]))
        #expect(matches([.issuerSubject(issuer: issuer, subject: "OPQ-ALICE")]))
        #expect(matches([.email("alice@example.com"), SubjectIdentifier(format: "phone_number", members: [:])]))
        #expect(!matches([.opaque("OPQ-BOB")]))
        #expect(!matches([.opaque("OPQ-ALICE"), .email("bob@example.com")]))
        #expect(!matches([.issuerSubject(issuer: "https://other.example", subject: "OPQ-ALICE")]))
        // Nothing the AS can check: it cannot know this user.
        #expect(!matches([SubjectIdentifier(format: "phone_number", members: ["phone_number": "+1"])]))
        #expect(!matches([]))
        var noEmail = alice
        noEmail.email = nil
        #expect(!RequestedUser(subIDs: [.email("alice@example.com")]).matches(noEmail, issuer: issuer))
    }
}
