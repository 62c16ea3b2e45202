import ArgumentParser
import HTTPSigTool

/// `gnapterm httpsig base`: prints the signature base of one signature of the message.
struct HTTPSigBaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "base",
        abstract: "Print the signature base of a signature, recomputed from the message (RFC 9421 §2.5).",
        discussion: "The base is printed exactly as it is signed: lines end with LF and there is no final newline.")

    @Option(help: "The label of the signature in Signature-Input.")
    var label: String

    @OptionGroup var message: HTTPSigMessageOptions

    func run() throws {
        try HTTPSigIO.run("base") {
            let options = BaseOptions(
                label: label, scheme: try message.targetScheme(), relatedRequest: try message.relatedRequest())
            StandardStreams.out(try HTTPSigTool.base(HTTPSigIO.readStandardInput(), options: options))
        }
    }
}
