import ChildProcessTestSupport
import Foundation
import Testing

extension EndToEnd {
    /// `gnapterm httpsig base|sign|verify` run as a user would, with RFC 9421 messages on standard input.
    @Suite("gnapterm httpsig", .timeLimit(.minutes(2)))
    struct HTTPSigCommandTests {
        let fixtures: HTTPSigFixtures

        init() throws { fixtures = try HTTPSigFixtures() }

        static let b26Covered = "\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\""

        @Test func basePrintsTheRFCSignatureBaseExactly() throws {
            defer { fixtures.removeFiles() }
            let result = try PipedCommand.run(
                ["httpsig", "base", "--label", "sig1"], stdin: Array(try fixtures.message("sec3.2-signed-request").utf8)
            )
            #expect(result.stderr == "")
            #expect(result.status == 0)
            #expect(
                result.stdoutText
                    == (try fixtures.string(try fixtures.testCase("sec2.5-3.1-3.2-rsa-pss"), "signature_base")))
        }

        /// RFC 9421 §2.4: a response signature that covers request components needs the request (`--request`).
        @Test func baseOfAResponseWithTheRelatedRequest() throws {
            defer { fixtures.removeFiles() }
            let request = try fixtures.file("request.http", Data(try fixtures.message("sec2.4-request").utf8))
            let response = Array(try fixtures.message("sec2.4-response-signed").utf8)
            let result = try PipedCommand.run(
                ["httpsig", "base", "--label", "reqres", "--request", request], stdin: response)
            #expect(result.stderr == "")
            #expect(result.status == 0)
            #expect(
                result.stdoutText
                    == (try fixtures.string(
                        try fixtures.testCase("sec2.4-reqres-response-signature"), "signature_base"))
            )
            let without = try PipedCommand.run(["httpsig", "base", "--label", "reqres"], stdin: response)
            #expect(without.status == 1)
            #expect(without.stdout.isEmpty)
            #expect(
                without.stderr
                    == "gnapterm httpsig base: cannot build the signature base: '@authority' cannot be used here: "
                    + "the related request is not available\n")
        }

        /// The target URI: https + Host + target by default, http with --scheme http.
        @Test func theSchemeOption() throws {
            defer { fixtures.removeFiles() }
            let message = Array(try fixtures.message("gnap-7.2-access-token-request").utf8)
            let https = try PipedCommand.run(["httpsig", "base", "--label", "sig1"], stdin: message)
            #expect(https.stdoutText.contains("\n\"@target-uri\": https://resource.example.com/stuff\n"))
            let http = try PipedCommand.run(["httpsig", "base", "--label", "sig1", "--scheme", "http"], stdin: message)
            #expect(http.stdoutText.contains("\n\"@target-uri\": http://resource.example.com/stuff\n"))
            let ftp = try PipedCommand.run(["httpsig", "base", "--label", "sig1", "--scheme", "ftp"], stdin: message)
            #expect(ftp.status == 1)
            #expect(ftp.stderr == "gnapterm httpsig base: unknown scheme 'ftp' (use http or https)\n")
        }

        /// RFC 9421 B.2.6 and B.2.5 are deterministic: the whole signed message comes out byte for byte.
        @Test(arguments: [
            ("B.2.6-ed25519", "test-key-ed25519", "private_pem"), ("B.2.6-ed25519", "test-key-ed25519", nil),
            ("B.2.5-hmac-sha256", "test-shared-secret", nil),
        ])
        func signReproducesTheDeterministicVectors(caseName: String, keyID: String, pem: String?) throws {
            defer { fixtures.removeFiles() }
            let testCase = try fixtures.testCase(caseName)
            let covered = (testCase["covered"] as? [String] ?? []).joined(separator: " ")
            let result = try PipedCommand.run(
                [
                    "httpsig", "sign", "--key", try fixtures.keyFile(keyID, pem: pem), "--alg",
                    try fixtures.string(testCase, "alg"), "--label", try fixtures.string(testCase, "label"),
                    "--covered", covered, "--params", try fixtures.string(testCase, "params_serialized"),
                ],
                stdin: Array(try fixtures.message("test-request").utf8))
            #expect(result.stderr == "")
            #expect(result.status == 0)
            #expect(result.stdoutText == (try fixtures.signedTestRequest(caseName)))
        }

        @Test func verifyExitsZeroForAGoodSignatureAndOneWithTheReasonForABadOne() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("test-key-ed25519", pem: "public_pem")
            let signed = try fixtures.signedTestRequest("B.2.6-ed25519")
            let good = try PipedCommand.run(
                ["httpsig", "verify", "--key", key, "--alg", "ed25519", "--label", "sig-b26"], stdin: Array(signed.utf8)
            )
            let report =
                "sig-b26: verified\nContent-Digest matches the body (sha-512), but sig-b26 does not cover it: the body "
                + "is not signed\n"
            #expect(good == ChildProcess.Output(status: 0, stdout: Array(report.utf8), stderr: ""))
            let tampered = signed.replacingOccurrences(of: "Content-Length: 18", with: "Content-Length: 17")
            let bad = try PipedCommand.run(
                ["httpsig", "verify", "--key", key, "--alg", "ed25519"], stdin: Array(tampered.utf8))
            #expect(
                bad
                    == ChildProcess.Output(
                        status: 1, stdout: [],
                        stderr: "gnapterm httpsig verify: sig-b26: the signature does not match the message\n"))
        }

        @Test func verifyWithTagAndMaximumAge() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("gnap-rsa")
            let fixed = try fixtures.keyFile("gnap-rsa", withoutAlgorithm: true)
            let message = Array(try fixtures.message("gnap-7.2-access-token-request").utf8)
            let tagged = try PipedCommand.run(
                ["httpsig", "verify", "--key", fixed, "--alg", "rsa-pss-sha512", "--tag", "gnap"], stdin: message)
            #expect(tagged.stderr == "")
            #expect(tagged.stdoutText == "sig1: verified\n")
            #expect(tagged.status == 0)
            let otherTag = try PipedCommand.run(
                ["httpsig", "verify", "--key", fixed, "--alg", "rsa-pss-sha512", "--tag", "gnap-rotate"], stdin: message
            )
            #expect(otherTag.status == 1)
            #expect(otherTag.stderr == "gnapterm httpsig verify: no signature has tag=\"gnap-rotate\"\n")
            let old = try PipedCommand.run(
                ["httpsig", "verify", "--key", fixed, "--alg", "rsa-pss-sha512", "--max-age", "300"], stdin: message)
            #expect(old.status == 1)
            #expect(
                old.stderr.wholeMatch(
                    of: /gnapterm httpsig verify: sig1: the signature is too old \(created [0-9]+ seconds ago\)\n/)
                    != nil)
            let printed = try PipedCommand.run(
                ["httpsig", "verify", "--key", key, "--alg", "rsa-pss-sha512"], stdin: message)
            #expect(printed.status == 1)
            #expect(
                printed.stderr
                    == "gnapterm httpsig verify: the key: a RSA/RS256 key cannot be used with rsa-pss-sha512\n")
        }

        /// The signature covers content-digest, not the body: a body changed after signing must fail with the reason.
        @Test func verifyRefusesABodyChangedAfterSigning() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("test-key-rsa-pss", pem: "public_pem")
            let changed = try fixtures.message("sec3.2-signed-request").replacingOccurrences(
                of: "{\"hello\": \"world\"}", with: "{\"hello\": \"there\"}")
            let result = try PipedCommand.run(
                ["httpsig", "verify", "--key", key, "--alg", "rsa-pss-sha512"], stdin: Array(changed.utf8))
            #expect(
                result
                    == ChildProcess.Output(
                        status: 1, stdout: [],
                        stderr: "gnapterm httpsig verify: sig1: not verified: Content-Digest does not match the body "
                            + "(sha-512)\n"))
        }

        /// The RFC's examples were signed in April 2021 and one expires a minute later: `--at` checks each of them as
        /// of then. RFC 9635 §7.3.1 prints a body that is not the one its Content-Digest is of (the vector file says
        /// so), so that message is refused after its signature verified.
        @Test func verifyEveryRFCExampleAtItsTime() throws {
            defer { fixtures.removeFiles() }
            let related = [
                "sec2.4-reqres-response-signature": "sec2.4-request",
                "sec2.4-reqres-2-response-signature": "sec2.4-signed-request",
            ]
            #expect(fixtures.caseNames.count == 17)
            for name in fixtures.caseNames {
                let testCase = try fixtures.testCase(name)
                let keyID = try fixtures.string(testCase, "key_id")
                let key =
                    ["gnap-rsa", "test-shared-secret"].contains(keyID)
                    ? try fixtures.keyFile(keyID, withoutAlgorithm: true)
                    : try fixtures.keyFile(keyID, pem: "public_pem")
                let label = try fixtures.string(testCase, "label")
                var arguments = [
                    "httpsig", "verify", "--key", key, "--alg", try fixtures.string(testCase, "alg"), "--label", label,
                    "--at", "2021-04-20T02:08:00Z",
                ]
                if let request = related[name] {
                    arguments += [
                        "--request", try fixtures.file("\(request).http", Data(try fixtures.message(request).utf8)),
                    ]
                }
                let result = try PipedCommand.run(arguments, stdin: Array(try fixtures.signedMessage(name).utf8))
                if name == "gnap-7.3.1-httpsig-rsa-pss" {
                    #expect(result.status == 1)
                    #expect(
                        result.stderr
                            == "gnapterm httpsig verify: sig1: not verified: Content-Digest does not match the body "
                            + "(sha-256)\n")
                } else {
                    #expect(result.stderr == "", "\(name)")
                    #expect(result.status == 0, "\(name)")
                    #expect(result.stdoutText.hasPrefix("\(label): verified\n"), "\(name)")
                }
            }
        }

        /// RFC 9421 §4.3's proxy signature expired at 1618884540: only `--at` before then verifies it.
        @Test func verifyAtATimeBeforeExpiry() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("test-key-rsa", pem: "public_pem")
            let message = Array(try fixtures.message("sec4.3-proxy-request-final").utf8)
            let verify = { (at: [String]) in
                try PipedCommand.run(
                    ["httpsig", "verify", "--key", key, "--alg", "rsa-v1_5-sha256", "--label", "proxy_sig"] + at,
                    stdin: message)
            }
            let now = try verify([])
            #expect(now.status == 1)
            #expect(
                now.stderr.wholeMatch(
                    of: /gnapterm httpsig verify: proxy_sig: the signature expired [0-9]+ seconds ago\n/)
                    != nil)
            let report = "proxy_sig: verified\nContent-Digest matches the body (sha-512), covered by proxy_sig\n"
            #expect(
                try verify(["--at", "1618884500"])
                    == ChildProcess.Output(status: 0, stdout: Array(report.utf8), stderr: ""))
            #expect(try verify(["--at", "2021-04-20T04:09:00+02:00"]).status == 0)
            // Expiry allows 30 seconds of clock skew.
            let late = try verify(["--at", "2021-04-20T02:09:31Z"])
            #expect(late.stderr == "gnapterm httpsig verify: proxy_sig: the signature expired 31 seconds ago\n")
            let nonsense = try verify(["--at", "yesterday"])
            #expect(
                nonsense
                    == ChildProcess.Output(
                        status: 1, stdout: [],
                        stderr: "gnapterm httpsig verify: --at: 'yesterday' is neither Unix seconds nor an RFC 3339 "
                            + "date-time like 2021-04-20T02:07:53Z\n"))
        }

        /// What `sign` prints, `verify` accepts: default parameters (created now, keyid from the JWK), a
        /// Content-Digest, CRLF line ends kept.
        @Test func signThenVerify() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("test-key-ecc-p256")
            let request = "POST /gnap HTTP/1.1\r\nHost: as.example\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\n"
            let signed = try PipedCommand.run(
                [
                    "httpsig", "sign", "--key", key, "--alg", "ecdsa-p256-sha256", "--label", "sig1", "--covered",
                    "\"@method\" \"@target-uri\" \"content-digest\" \"content-type\"", "--digest", "sha-256",
                ],
                stdin: Array(request.utf8))
            #expect(signed.stderr == "")
            #expect(signed.status == 0)
            let text = signed.stdoutText
            #expect(
                text.hasPrefix(
                    "POST /gnap HTTP/1.1\r\nHost: as.example\r\nContent-Type: application/json\r\n"
                        + "Content-Digest: sha-256=:40ZDICGwQXlRjZYU81YMzXE1Sk7hAd3LiT1pWanWMBw=:\r\n"
                        + "Signature-Input: sig1=(\"@method\" \"@target-uri\" \"content-digest\" "
                        + "\"content-type\");created="
                ))
            #expect(text.contains(";keyid=\"test-key-ecc-p256\"\r\nSignature: sig1=:"))
            #expect(text.hasSuffix(":\r\n\r\n{\"a\":1}\n"))
            let publicKey = try fixtures.keyFile("test-key-ecc-p256", pem: "public_pem")
            let verified = try PipedCommand.run(
                ["httpsig", "verify", "--key", publicKey, "--alg", "ecdsa-p256-sha256", "--max-age", "60"],
                stdin: signed.stdout)
            let report = "sig1: verified\nContent-Digest matches the body (sha-256), covered by sig1\n"
            #expect(verified == ChildProcess.Output(status: 0, stdout: Array(report.utf8), stderr: ""))
        }

        @Test func errorsGoToStandardErrorWithStatusOne() throws {
            defer { fixtures.removeFiles() }
            let key = try fixtures.keyFile("test-key-ed25519")
            let malformed = try PipedCommand.run(
                ["httpsig", "base", "--label", "sig1"], stdin: Array("GET / HTTP/1.1\nHost example.com\n\n".utf8))
            #expect(
                malformed
                    == ChildProcess.Output(
                        status: 1, stdout: [],
                        stderr: "gnapterm httpsig base: the message: line 2: a header field line needs a colon "
                            + "(an empty line ends the header)\n"))
            let algorithm = try PipedCommand.run(
                ["httpsig", "sign", "--key", key, "--alg", "ed448", "--label", "s", "--covered", ""], stdin: [])
            #expect(algorithm.status == 1)
            #expect(
                algorithm.stderr
                    == "gnapterm httpsig sign: unknown algorithm 'ed448' (use one of: rsa-pss-sha512, rsa-v1_5-sha256, "
                    + "hmac-sha256, ecdsa-p256-sha256, ecdsa-p384-sha384, ed25519)\n")
            let missing = fixtures.directory.appendingPathComponent("absent.jwk").path
            let noKey = try PipedCommand.run(
                ["httpsig", "verify", "--key", missing, "--alg", "ed25519"], stdin: Array("GET / HTTP/1.1\n".utf8))
            #expect(noKey.status == 1)
            #expect(noKey.stderr == "gnapterm httpsig verify: cannot read the key file '\(missing)'\n")
            let covered = try PipedCommand.run(
                ["httpsig", "sign", "--key", key, "--alg", "ed25519", "--label", "s", "--covered", "@method"],
                stdin: Array(try fixtures.message("test-request").utf8))
            #expect(covered.status == 1)
            #expect(
                covered.stderr
                    == "gnapterm httpsig sign: --covered: expected quoted component names separated by spaces, "
                    + "e.g. '\"@method\" \"content-type\"'\n")
        }

        @Test func aMissingOptionIsAUsageError() throws {
            let result = try PipedCommand.run(["httpsig", "sign", "--alg", "ed25519"], stdin: [])
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("Error: Missing expected argument '--key <file>'\n"))
        }
    }
}
