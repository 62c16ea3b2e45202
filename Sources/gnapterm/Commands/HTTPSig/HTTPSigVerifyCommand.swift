import ArgumentParser
import HTTPSigTool

/// `gnapterm httpsig verify`: exit status 0 when the signature verifies, 1 (with the reason) when it does not.
struct HTTPSigVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Verify a signature of the message (RFC 9421 §3.2): exit 0 when it verifies, 1 with the reason when not.",
        discussion: """
            Without --label, every signature (with --tag, if given) is tried with the key. created may not lie in \
            the future and expires may not be past (30 seconds of clock skew are allowed); there is no age limit \
            unless --max-age is given. --at checks all three as of another time. Then every Content-Digest of the \
            message (covered or not) is compared with the body (RFC 9530): one that does not match, or that uses \
            only algorithms other than sha-256 and sha-512, fails verification; a message without a body has empty \
            content. The output says what was checked and whether the signature covers it.
            """)

    @Option(
        help: ArgumentHelp(
            "The public key (or the private key, or the HMAC JWK): a JWK or a PEM file.", valueName: "file"))
    var key: String

    @Option(
        help: ArgumentHelp(
            "The algorithm: rsa-pss-sha512, rsa-v1_5-sha256, hmac-sha256, ecdsa-p256-sha256, ecdsa-p384-sha384 "
                + "or ed25519."))
    var alg: String

    @Option(help: "Verify only the signature with this label.")
    var label: String?

    @Option(help: ArgumentHelp("Consider only signatures with this tag parameter.", valueName: "tag"))
    var tag: String?

    @Option(
        name: .customLong("max-age"),
        help: ArgumentHelp("Refuse signatures created more than this many seconds ago.", valueName: "seconds"))
    var maxAge: Int64?

    @Option(
        help: ArgumentHelp(
            "Verify as of this time instead of now: Unix seconds or an RFC 3339 date-time (2021-04-20T02:07:53Z).",
            valueName: "time"))
    var at: String?

    @OptionGroup var message: HTTPSigMessageOptions

    func run() throws {
        try HTTPSigIO.run("verify") {
            let options = VerifyOptions(
                key: try HTTPSigIO.readTextFile(key, what: "key"), algorithm: try HTTPSigTool.algorithm(named: alg),
                label: label, tag: tag, maximumAge: maxAge, scheme: try message.targetScheme(),
                relatedRequest: try message.relatedRequest(), now: try at.map(TimeText.parse) ?? HTTPSigIO.now)
            StandardStreams.out(try HTTPSigTool.verify(HTTPSigIO.readStandardInput(), options: options))
        }
    }
}
