import Foundation
import HTTPMessageSignatures
import HTTPTypes

/// A realistic GNAP request for the interoperability tests: a grant modification (RFC 9635 §5.3) sent to the
/// continuation URI with the continuation access token, signed with the `httpsig` proofing method (§7.3.1).
enum GNAPRequest {
    static let method = "POST"
    static let scheme = "https"
    /// With an explicit non-default port, which both libraries must keep in `@authority` and `@target-uri`.
    static let authority = "as.example.com:8443"
    static let path = "/gnap/continue?grant=VGJKPTKC50&locale=de-CH"
    static let url = "\(scheme)://\(authority)\(path)"
    static let label = "sig1"
    static let tag = "gnap"

    /// Pretty-printed JSON with a non-ASCII character: the digest must be over these exact bytes.
    static let body = Array(
        """
        {
            "access_token": {
                "access": [
                    {
                        "type": "photo-api",
                        "actions": ["read", "write"],
                        "locations": ["https://photos.example.net/albums/\u{E9}t\u{E9}"]
                    },
                    "dolphin-metadata"
                ]
            }
        }
        """.utf8)

    /// What §7.3.1 requires for a token-bound request with content, plus the rest of the target URI.
    static let coveredComponents: [ComponentIdentifier] = [
        .method, .targetURI, .authority, .path, .query, .field("content-digest"), .field("content-type"),
        .field("authorization"),
    ]

    /// The request's fields before signing; with `digest`, gnapterm's `Content-Digest` of ``body`` is added.
    static func request(digest: Bool) -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: scheme, authority: authority, path: path)
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.accept] = "application/json"
        request.headerFields[.authorization] = "GNAP 80UPRY5NM33OMUKMKSKU"
        if digest { request.headerFields[.contentDigest] = ContentDigest.fieldValue(for: body, algorithms: [.sha512]) }
        return request
    }

    /// The request rebuilt from field lines as another implementation returned them.
    static func request(fields: [[String]]) throws -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: scheme, authority: authority, path: path)
        for line in fields {
            guard line.count == 2, let name = HTTPField.Name(line[0]) else {
                throw InteropError.unreadableOutput(command: "sign", output: "\(line)")
            }
            request.headerFields.append(HTTPField(name: name, value: line[1]))
        }
        return request
    }

    /// The field lines of `request`, in order, as the Python helper takes them.
    static func fieldLines(_ request: HTTPRequest) -> [[String]] {
        request.headerFields.map { [$0.name.rawName, $0.value] }
    }

    /// The current Unix time, for `created`.
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// A fresh `nonce` (§7.3.1: unique and unguessable).
    static func nonce() -> String { UUID().uuidString }
}
