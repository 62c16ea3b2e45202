import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage

/// `gnapterm call`: curl for GNAP.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call a GNAP-protected resource with the device's token, getting one first if needed.",
        discussion: """
            With the token and key 'gnapterm device' stored in the home, the request is proven by the method the \
            token's key is bound to (RFC 9635 §7.3: httpsig, mtls, jwsd or jws, as stored with the grant). \
            Without a token, or when the resource server refuses it with a GNAP challenge, the device flow runs \
            against the challenge's AS for the access it names (the code is shown as by 'gnapterm device'), then the \
            request is sent again. The answer's content goes to stdout.
            Exit status: 0 the resource server answered 2xx, 5 it answered anything else, 3 access was denied, \
            4 the request for access expired, 1 any other failure.
            """)

    @Argument(help: "The resource URL, e.g. http://127.0.0.1:9090/notes.")
    var url: String

    @Option(name: [.customShort("X"), .long], help: "The HTTP method.")
    var method: String = "GET"

    @Option(name: [.customShort("d"), .long], help: "JSON content to send.")
    var data: String?

    @Flag(help: "Print one JSON object per line (device flow progress, then the answer) instead of the content.")
    var json = false

    @Flag(help: "Only use the stored token: a refusal is the answer, no new access is requested.")
    var noRequestAccess = false

    @Option(help: "The name this device shows to the approver if it must ask for access (self-asserted).")
    var name: String = "gnapterm call"

    @Option(
        help: ArgumentHelp(
            "How to prove the key (RFC 9635 §7.3): httpsig, mtls, jwsd or jws.",
            discussion:
                "Default: the method of the stored token's key, else httpsig. A token stored for another method is "
                + "refused here rather than sent; a new grant is requested with this method when there is none.",
            valueName: "method"))
    var proof: String?

    @Option(help: ArgumentHelp("PEM client certificate for --proof mtls (with --key).", valueName: "file"))
    var cert: String?

    @Option(help: ArgumentHelp("PEM private key of --cert.", valueName: "file"))
    var key: String?

    @Option(
        help: ArgumentHelp(
            "PEM CA certificates trusted for the RS's and the AS's https certificates besides the system's.",
            valueName: "file"))
    var ca: String?

    @OptionGroup var home: HomeOptions

    func validate() throws {
        do {
            try ResourceCallCommand<WallClock>.check(url: url, method: method, data: data)
        } catch {
            throw ValidationError(error.description)
        }
        if let proof, ClientProofMethod(rawValue: proof) == nil {
            throw ValidationError("unknown --proof method '\(proof)'; use httpsig, mtls, jwsd or jws")
        }
        guard (cert == nil) == (key == nil) else { throw ValidationError("give both --cert and --key, or neither") }
    }

    func run() async throws {
        let store: LocalDatabase
        do {
            store = try LocalDatabase.open(directory: home.directory)
        } catch {
            StandardStreams.err("gnapterm call: cannot open the local store: \(error)\n")
            throw ExitCode(1)
        }
        // The device flow shows its code on stderr (stdout carries the answer), or as JSON lines with --json.
        let command = ResourceCallCommand(
            url: url, method: method, data: data, json: json,
            deviceDisplay: json ? .json : .plain, displayName: name, requestsAccess: !noRequestAccess,
            proof: ProofChoice(
                method: proof.flatMap(ClientProofMethod.init(rawValue:)), certificateFile: cert, keyFile: key,
                trustedCAFile: ca),
            transport: AsyncHTTPTransport(), tlsTransport: { AsyncHTTPTransport(tls: $0) },
            keyStore: store, grantStore: store, clock: WallClock(), stdout: StandardStreams.out,
            stderr: StandardStreams.err)
        let status = await command.run()
        if status != 0 { throw ExitCode(status) }
    }
}
