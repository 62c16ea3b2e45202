import ArgumentParser
import Foundation
import HTTPSigTool

/// `gnapterm httpsig sign`: prints the message with a new signature appended.
struct HTTPSigSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign the message and print it with Signature-Input and Signature appended (RFC 9421 §3.1).")

    @Option(help: ArgumentHelp("The private key: a JWK or a PEM file.", valueName: "file"))
    var key: String

    @Option(
        help: ArgumentHelp(
            "The algorithm: rsa-pss-sha512, rsa-v1_5-sha256, hmac-sha256, ecdsa-p256-sha256, ecdsa-p384-sha384 "
                + "or ed25519."))
    var alg: String

    @Option(help: "The label of the new signature.")
    var label: String

    @Option(
        help: ArgumentHelp(
            "The covered components in structured-field syntax, e.g. '\"@method\" \"@query-param\";name=\"Pet\"'.",
            valueName: "components"))
    var covered: String

    @Option(
        help: ArgumentHelp(
            "The signature parameters, verbatim and in order, e.g. ';created=1618884473;keyid=\"k1\"' "
                + "(default: created is now, keyid the key's kid).",
            valueName: "params"))
    var params: String?

    @Option(
        help: ArgumentHelp(
            "Add a Content-Digest field of the body with this algorithm before signing: sha-256 or sha-512.",
            valueName: "alg"))
    var digest: String?

    @OptionGroup var message: HTTPSigMessageOptions

    func run() throws {
        try HTTPSigIO.run("sign") {
            let options = SignOptions(
                key: try HTTPSigIO.readTextFile(key, what: "key"), algorithm: try HTTPSigTool.algorithm(named: alg),
                label: label, covered: covered, parameters: params,
                digest: try digest.map(HTTPSigTool.digestAlgorithm(named:)),
                scheme: try message.targetScheme(), relatedRequest: try message.relatedRequest(), now: HTTPSigIO.now)
            let signed = try HTTPSigTool.sign(HTTPSigIO.readStandardInput(), options: options)
            FileHandle.standardOutput.write(Data(signed))
        }
    }
}
