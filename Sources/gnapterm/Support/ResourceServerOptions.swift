import ArgumentParser
import GNAP
import GNAPServer

/// `serve`'s RS-facing options (RFC 9767).
struct ResourceServerOptions: ParsableArguments {
    @Option(help: "JSON file of pre-registered resource servers (ids, keys, vetted names, types served; README).")
    var resourceServers: String?

    @Flag(help: "Trust resource servers the AS does not know on their first signed call (trust on first use).")
    var allowDynamicResourceServers = false

    @Option(
        help: ArgumentHelp(
            "The format of issued access tokens, unless a resource set asks for one: 'opaque' (only introspection "
                + "explains them) or 'jwt-signed' (a JWT signed by the AS's published key).",
            valueName: "opaque|jwt-signed"))
    var tokenFormat: String = "opaque"

    func check() throws {
        guard ["opaque", TokenFormat.jwtSigned].contains(tokenFormat) else {
            throw ValidationError("--token-format must be 'opaque' or 'jwt-signed'")
        }
    }

    func apply(to settings: inout ResourceServerSettings) {
        settings.allowsDynamicResourceServers = allowDynamicResourceServers
        settings.tokenFormat = tokenFormat == "opaque" ? nil : tokenFormat
    }
}
