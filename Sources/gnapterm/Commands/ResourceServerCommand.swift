import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import GNAPServer
import Logging
import ReferenceResourceServer
import TerminalSession

/// `gnapterm rs`: the reference resource server, a small notes API protected by GNAP.
struct ResourceServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rs",
        abstract: "Run the reference resource server: a notes API that accepts the AS's tokens.",
        discussion: """
            GET /notes and GET /notes/{id} need the 'notes' right with action 'read'; POST /notes ({"text": …}) and \
            DELETE /notes/{id} need 'write'. On start the RS registers the notes resource set with the AS, signed with \
            its own key (kept in --data-dir), and prints the resource reference clients can ask for. The AS must know \
            the key (serve --resource-servers) or allow new resource servers (serve \
            --allow-dynamic-resource-servers); 'gnapterm rs --show-key' prints an entry for the registry file. \
            With --tls-cert and --tls-key the RS serves HTTPS (TLS 1.2 or later, the certificate read again on \
            SIGHUP) and accepts mtls-bound tokens proven by the client certificate of the connection.
            """)

    @Option(name: .customLong("as"), help: "The authorization server, e.g. http://127.0.0.1:8080.")
    var server: String?

    @Option(help: "Address to listen on, HOST:PORT.")
    var listen: String = "127.0.0.1:9090"

    @Option(help: "Directory for the notes and the RS's key (created if missing).")
    var dataDir: String

    @Option(help: "Public base URL if clients reach the RS under another address.")
    var publicURL: String?

    @Option(help: "Seconds an introspection result is relied on (the longest a revoked token still works here).")
    var revalidateAfter: Int = 30

    @Flag(help: "Print this RS's entry for the AS's --resource-servers file and exit.")
    var showKey = false

    @OptionGroup(title: "TLS and client certificates") var tls: TLSOptions

    @Option(
        help: ArgumentHelp(
            "PEM CA certificates trusted for the AS's https certificate besides the system's.", valueName: "file"))
    var ca: String?

    func validate() throws {
        guard (1...3600).contains(revalidateAfter) else {
            throw ValidationError("--revalidate-after must be 1 to 3600")
        }
        do {
            _ = try ListenAddress(parsing: listen)
        } catch {
            throw ValidationError(error.description)
        }
        if !showKey, server == nil { throw ValidationError("missing --as URL (the authorization server)") }
    }

    func run() async throws {
        let address = try ListenAddress(parsing: listen)
        let store = try NotesDatabase.open(directory: URL(fileURLWithPath: dataDir))
        if showKey {
            StandardStreams.out(try await Self.registryEntry(store: store) + "\n")
            return
        }
        let asBase: String
        do {
            asBase = try ServerAddress.normalize(server ?? "")
        } catch {
            throw ValidationError(error.description)
        }
        var logger = Logger(label: "gnapterm.rs")
        logger.logLevel = .info
        let transport: AsyncHTTPTransport
        do throws(GNAPClientError) {
            transport = AsyncHTTPTransport(
                tls: try ca.map { path throws(GNAPClientError) in
                    try ClientTLS(trustedCAFile: path)
                })
        } catch {
            throw ValidationError(error.description)
        }
        let rs = NotesServer(
            configuration: NotesServerConfiguration(
                asBase: asBase, host: address.host, port: address.port, publicURL: publicURL,
                revalidationInterval: .seconds(revalidateAfter), tls: try tls.contextHolder(),
                trustedClientCertificateHeader: tls.trustClientCertHeader),
            store: store, transport: transport, clock: WallClock(), logger: logger)
        do {
            try await rs.run(stopsOnSignals: true) { ready in
                StandardStreams.out(
                    "gnapterm RS listening on \(ready.base) (notes API at \(ready.base)/notes)\n"
                        + "Registered with \(ready.asURI) as resource server \(ready.instanceID); "
                        + "resource reference: \(ready.resourceReference)\n"
                        + (ready.checksStructuredTokens ? "jwt-signed tokens are checked with the AS's key set.\n" : "")
                )
            }
        } catch let error as NotesServerError {
            StandardStreams.err("gnapterm rs: \(error)\n")
            throw ExitCode(1)
        }
    }

    /// An entry of `serve --resource-servers`: this RS's id, public key, name and the type it serves (add
    /// `locations` to tie it to its address).
    static func registryEntry(store: NotesDatabase) async throws -> String {
        let key = try await store.signingKey()
        let entry: [String: JSONValue] = [
            "id": .string("notes"),
            "display_name": .string("Notes (gnapterm reference RS)"),
            "key": .object([
                "proof": .string("httpsig"),
                "jwk": try GNAPJSON.decode(JSONValue.self, from: try GNAPJSON.encode(try key.publicJWK())),
            ]),
            "access_types": .array([.string("notes")]),
        ]
        return String(
            decoding: try GNAPJSON.encode(["resource_servers": JSONValue.array([.object(entry)])]), as: UTF8.self)
    }
}
