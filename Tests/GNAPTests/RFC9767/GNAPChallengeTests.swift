import GNAP
import Testing

/// The RS-first challenge (RFC 9635 §9.1) and token presentation (§7.2).
@Suite struct GNAPChallengeTests {
    @Test func writesRFC9110Syntax() {
        let challenge = GNAPChallenge(
            asURI: "https://as.example/tx", referrer: "https://rs.example", access: "FWWIKYBQ6U56NL1")
        #expect(
            challenge.fieldValue
                == #"GNAP as_uri="https://as.example/tx", access="FWWIKYBQ6U56NL1", referrer="https://rs.example""#)
        #expect(GNAPChallenge(asURI: "https://as/tx").fieldValue == #"GNAP as_uri="https://as/tx""#)
        #expect(GNAPChallenge().fieldValue == "GNAP")
        #expect(GNAPChallenge(access: #"a "b" \c"#).fieldValue == #"GNAP access="a \"b\" \\c""#)
    }

    @Test func readsWhatItWrites() {
        let challenge = GNAPChallenge(asURI: "https://as.example/tx?x=1;y", referrer: "https://rs", access: #"a "b""#)
        #expect(GNAPChallenge(fieldValue: challenge.fieldValue) == challenge)
    }

    @Test func readsTheRFC9635Example() {
        // RFC 9635 §9.1's example, unfolded (RFC 8792): bare URIs separated by semicolons.
        let field = "GNAP as_uri=https://as.example/tx;access=FWWIKYBQ6U56NL1;referrer=https://rs.example"
        #expect(
            GNAPChallenge(fieldValue: field)
                == GNAPChallenge(
                    asURI: "https://as.example/tx", referrer: "https://rs.example", access: "FWWIKYBQ6U56NL1"))
    }

    @Test func findsGNAPAmongOtherChallenges() {
        let field = #"Bearer realm="x", error="invalid_token", gnap AS_URI="https://as/tx", Basic realm="y""#
        #expect(GNAPChallenge(fieldValue: field) == GNAPChallenge(asURI: "https://as/tx"))
        #expect(
            GNAPChallenge(fieldValue: "Newauth token68value==, GNAP access=notes") == GNAPChallenge(access: "notes"))
        #expect(GNAPChallenge(fieldValue: #"Bearer realm="GNAP as_uri=x""#) == nil)
        #expect(GNAPChallenge(fieldValue: "") == nil)
        #expect(GNAPChallenge(fieldValue: "GNAP") == GNAPChallenge())
    }

    @Test func parsesPresentations() {
        #expect(AccessTokenPresentation.parse("GNAP 80UPRY5NM33OMUKMKSKU") == .success(.gnap("80UPRY5NM33OMUKMKSKU")))
        #expect(AccessTokenPresentation.parse("gnap  abc== ") == .success(.gnap("abc==")))
        #expect(AccessTokenPresentation.parse("Bearer OS9M2PMH") == .success(.bearer("OS9M2PMH")))
        #expect(AccessTokenPresentation.parse("Basic dXNlcjpwYXNz") == .failure(.otherScheme("Basic")))
        #expect(AccessTokenPresentation.parse("GNAP") == .failure(.malformedToken(scheme: "GNAP")))
        #expect(AccessTokenPresentation.parse("GNAP a b") == .failure(.malformedToken(scheme: "GNAP")))
        #expect(AccessTokenPresentation.parse("GNAP =abc") == .failure(.malformedToken(scheme: "GNAP")))
        #expect(AccessTokenPresentation.parse("GNAP ab=c") == .failure(.malformedToken(scheme: "GNAP")))
        #expect(AccessTokenPresentation.parse("GNAPX abc") == .failure(.otherScheme("GNAPX")))
        #expect(AccessTokenPresentation.gnap("t").fieldValue == "GNAP t")
    }
}
