import ArgumentParser

/// `gnapterm httpsig`: RFC 9421 signatures of one HTTP/1.1 message, for integrators checking their own implementation.
struct HTTPSigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "httpsig",
        abstract: "Signature bases, signing and verification of HTTP message signatures (RFC 9421).",
        discussion: """
            Each subcommand reads one HTTP/1.1 message from standard input: the start line, the header lines, an \
            empty line and the body (lines end with CRLF or LF; the body is every byte after the empty line). A \
            body with Transfer-Encoding: chunked is decoded: its trailer fields serve components with ;tr and \
            --digest covers the decoded content. The \
            target URI is https:// + Host + request target, unless the request line holds an absolute URI or \
            --scheme http is given. Key files are JWKs (RFC 7517; "oct" for hmac-sha256) or PEM keys.
            """,
        subcommands: [HTTPSigBaseCommand.self, HTTPSigSignCommand.self, HTTPSigVerifyCommand.self])
}
