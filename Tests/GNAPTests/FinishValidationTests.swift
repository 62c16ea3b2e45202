import GNAP
import Testing

@Suite("Grant request validation: start modes and finish (RFC 9635 §2.5)")
struct FinishValidationTests {
    var validator: GrantRequestValidator {
        var policy = GrantRequestPolicy()
        policy.finish.allowsLoopbackPush = true
        policy.finish.pushHosts = ["client.example.net"]
        return GrantRequestValidator(policy: policy)
    }

    static func body(interact: String) -> String {
        GrantRequestValidationTests.body(interact: interact)
    }

    static func finish(
        method: String = "redirect", uri: String = "https://client.example.net/return/123455",
        nonce: String = "LKLTI25DK82FX4T4QFZC", hash: String? = nil
    ) -> String {
        let hashMember = hash.map { #", "hash_method": "\#($0)""# } ?? ""
        return
            #"{"start": ["redirect"], "finish": {"method": "\#(method)", "uri": "\#(uri)", "nonce": "\#(nonce)"\#(hashMember)}}"#
    }

    func validate(_ body: String, _ validator: GrantRequestValidator? = nil) throws(GNAPError) -> ValidatedGrantRequest
    {
        try (validator ?? self.validator).validate(body: Array(body.utf8))
    }

    func expectError(
        _ code: GNAPError.Code, _ interact: String, mentioning fragment: String,
        validator: GrantRequestValidator? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try validate(Self.body(interact: interact), validator)
            Issue.record("expected \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.errorDescription?.contains(fragment) == true, "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func allFourStartModesAreSupportedInTheClientsOrder() throws {
        let validated = try validate(
            Self.body(interact: #"{"start": ["app", "user_code_uri", "redirect", "user_code", "app", "future"]}"#))
        #expect(validated.startModes == ["app", "user_code_uri", "redirect", "user_code"])
        #expect(validated.finish == nil)
    }

    @Test func theRFCExampleFinishRequestsAreAccepted() throws {
        // §2.5: "start": ["redirect"] with a redirect finish; §2.5.2.2: the push example.
        let redirect = try validate(Self.body(interact: Self.finish()))
        #expect(redirect.finish?.method == .redirect)
        #expect(redirect.finish?.uri == "https://client.example.net/return/123455")
        #expect(redirect.finish?.nonce == "LKLTI25DK82FX4T4QFZC")
        #expect(redirect.finish?.hashMethod == .sha256)
        let push = try validate(Self.body(interact: Self.finish(method: "push", hash: "sha3-512")))
        #expect(push.finish?.method == .push)
        #expect(push.finish?.hashMethod.name == "sha3-512")
    }

    @Test func redirectURIsMayBeHTTPSLocalhostOrAnApplicationScheme() throws {
        for uri in [
            "https://client.example.net/r?state=1", "http://localhost:8000/cb", "http://127.0.0.1/cb",
            "http://[::1]:9/cb", "com.example.app:/callback",
        ] {
            #expect(try validate(Self.body(interact: Self.finish(uri: uri))).finish?.uri == uri)
        }
    }

    @Test func malformedFinishRequestsAreInvalidRequest() {
        expectError(.invalidRequest, Self.finish(method: "email"), mentioning: "unknown 'interact.finish.method'")
        expectError(.invalidRequest, Self.finish(nonce: ""), mentioning: "'interact.finish.nonce'")
        expectError(.invalidRequest, Self.finish(nonce: "has space"), mentioning: "printable ASCII")
        expectError(.invalidRequest, Self.finish(nonce: "caf\u{E9}"), mentioning: "printable ASCII")
        expectError(
            .invalidRequest, Self.finish(nonce: String(repeating: "n", count: 257)), mentioning: "1 to 256")
        expectError(.invalidRequest, Self.finish(hash: "md5"), mentioning: "not in the IANA")
        expectError(.invalidRequest, Self.finish(hash: "sha3-224"), mentioning: "registered but not supported")
        expectError(.invalidRequest, Self.finish(uri: "/relative"), mentioning: "absolute URI")
        expectError(.invalidRequest, Self.finish(uri: ""), mentioning: "'interact.finish.uri'")
        expectError(.invalidRequest, Self.finish(uri: "https://client.example.net/r#frag"), mentioning: "fragment")
        expectError(.invalidRequest, Self.finish(uri: "http://client.example.net/r"), mentioning: "https")
        expectError(.invalidRequest, Self.finish(uri: "javascript:alert(1)"), mentioning: "cannot be")
        expectError(.invalidRequest, Self.finish(uri: "https://user:pw@client.example.net/"), mentioning: "user")
        expectError(
            .invalidRequest, #"{"start": ["redirect"], "finish": {"method": "push", "uri": "https://c.example"}}"#,
            mentioning: "'interact.finish.nonce' is required")
    }

    @Test func pushGoesOnlyWhereThePolicyAllows() throws {
        #expect(
            try validate(Self.body(interact: Self.finish(method: "push", uri: "http://127.0.0.1:4000/p"))).finish != nil
        )
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "https://internal.example/p"),
            mentioning: "not on its allow list")
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "http://client.example.net/p"),
            mentioning: "not on its allow list")
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "https://192.168.0.14/"), mentioning: "allow list")
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "ftp://client.example.net/"), mentioning: "http(s)")
        // The default policy pushes nowhere on loopback (the AS turns it on only when it listens on loopback).
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "http://localhost/admin"), mentioning: "loopback",
            validator: GrantRequestValidator())
        var redirectOnly = GrantRequestPolicy()
        redirectOnly.finish.methods = [.redirect]
        expectError(
            .invalidRequest, Self.finish(method: "push", uri: "http://127.0.0.1/p"), mentioning: "does not support",
            validator: GrantRequestValidator(policy: redirectOnly))
    }

    @Test func withoutAUsableStartModeTheASCannotInteract() {
        // §2.5: "the AS MUST return an invalid_interaction error".
        expectError(.invalidInteraction, #"{"start": []}"#, mentioning: "lists no start mode")
        expectError(.invalidInteraction, #"{"start": ["carrier_pigeon"]}"#, mentioning: "none of the start modes")
        expectError(
            .invalidInteraction,
            #"{"start": [], "finish": {"method": "push", "uri": "http://127.0.0.1/p", "nonce": "n"}}"#,
            mentioning: "lists no start mode")
        var codesOnly = GrantRequestPolicy(supportedStartModes: [StartMode.userCode])
        codesOnly.finish = FinishPolicy()
        expectError(
            .invalidInteraction, #"{"start": ["redirect", "app"]}"#, mentioning: "supported: user_code",
            validator: GrantRequestValidator(policy: codesOnly))
    }
}

@Suite("Interaction URLs and application URIs")
struct InteractionLocatorTests {
    let locator = InteractionLocator(base: "http://127.0.0.1:8080/", id: "Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t")

    @Test func bothFormsRoundTrip() throws {
        #expect(locator.url == "http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t")
        #expect(
            locator.appURI
                == "gnapterm:approve?as=http%3A%2F%2F127.0.0.1%3A8080&interaction=Xq3Vv2lHc2vRj0iZ4kq8Q4y7Uu5b0n8yJ9t1w2e3r4t"
        )
        #expect(try InteractionLocator(parsing: locator.url) == locator)
        #expect(try InteractionLocator(parsing: "  " + locator.appURI + "\n") == locator)
        #expect(
            try InteractionLocator(parsing: "HTTP://127.0.0.1:8080/interact/" + locator.id).belongs(
                to: "http://127.0.0.1:8080"))
        #expect(!locator.belongs(to: "http://127.0.0.1:9090"))
        let ipv6 = InteractionLocator(base: "http://[::1]:8080", id: locator.id)
        #expect(try InteractionLocator(parsing: ipv6.url) == ipv6)
        #expect(try InteractionLocator(parsing: ipv6.appURI) == ipv6)
    }

    @Test(arguments: [
        ("", "empty"),
        ("ABCD-EFGH", "neither"),
        ("ftp://h/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4", "neither"),
        ("http://127.0.0.1:8080", "no interaction path"),
        ("http://127.0.0.1:8080/device", "not an interaction URL"),
        ("http://127.0.0.1:8080/interact/short", "does not end in an interaction id"),
        ("http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4?x=1", "does not end in an interaction id"),
        ("http://127.0.0.1:8080/interact/Xq3Vv2lHc2vRj0iZ4kq8Q4/more", "does not end in an interaction id"),
        ("gnapterm:open?as=x", "not a gnapterm:approve"),
        ("gnapterm:approve?as=http%3A%2F%2Fh", "needs both"),
        ("gnapterm:approve?as=ftp%3A%2F%2Fh&interaction=Xq3Vv2lHc2vRj0iZ4kq8Q4", "not an http(s) URL"),
        ("gnapterm:approve?as=%ZZ&interaction=Xq3Vv2lHc2vRj0iZ4kq8Q4", "malformed query"),
        ("gnapterm:approve?as=http%3A%2F%2Fh&as=http%3A%2F%2Fh&interaction=Xq3Vv2lHc2vRj0iZ4kq8Q4", "repeats"),
    ])
    func malformedInputIsExplained(input: String, fragment: String) {
        do {
            _ = try InteractionLocator(parsing: input)
            Issue.record("'\(input)' was accepted")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func redirectFinishURLsCarryHashAndReference() throws {
        let callback = InteractionFinishCallback(
            hash: "x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY", interactRef: "4IFWWIKYBC2PQ6U56NL1")
        // §4.2.1's example.
        let url = FinishRedirect.url(uri: "https://client.example.net/return/123455", callback: callback)
        #expect(
            url == "https://client.example.net/return/123455?hash=x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY"
                + "&interact_ref=4IFWWIKYBC2PQ6U56NL1")
        #expect(try FinishRedirect.callback(fromQuery: url) == callback)
        #expect(
            FinishRedirect.url(uri: "https://c.example/r?state=a", callback: callback).hasPrefix(
                "https://c.example/r?state=a&hash="))
        #expect(throws: GNAPError.self) { try FinishRedirect.callback(fromQuery: "https://c.example/r?hash=a") }
        #expect(throws: GNAPError.self) {
            try FinishRedirect.callback(fromQuery: "?hash=a&hash=b&interact_ref=c")
        }
    }
}
