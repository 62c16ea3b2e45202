import Foundation
import HTTPTypes

/// The message every benchmark signs and verifies: a first GNAP grant request (RFC 9635 §2) as a headless device
/// sends it, POSTed to the AS's grant endpoint with a JSON body of about 1 KB.
enum GrantRequestFixture {
    /// The `keyid` every benchmark key carries (RFC 9635 §7.3.1: the JWK's `kid`).
    static let keyID = "device-7f3c2a91"
    /// A fixed `created` time, so that verification always runs at the same instant relative to it.
    static let created: Int64 = 1_760_000_000
    /// A fixed nonce: drawing a random one is not part of the signature work being measured.
    static let nonce = "u3Fq8nq1Zg0yv4Xx2JdK7w"

    /// The content: access rights, subject information, the client's key and display, and interaction modes, in the
    /// compact form a JSON encoder sends.
    static let body: [UInt8] = Array(
        (#"{"access_token":{"access":[{"type":"photo-api","actions":["read","write","delete"],"#
            + #""locations":["https://server.example.net/","https://resource.local/other"],"#
            + #""datatypes":["metadata","images"]},{"type":"financial-transaction","actions":["withdraw"],"#
            + #""identifier":"account-14-32-32-3-41","currency":"USD"},"dolphin-metadata"],"label":"token1-23"},"#
            + #""subject":{"sub_id_formats":["iss_sub","opaque"],"assertion_formats":["id_token"]},"#
            + #""client":{"key":{"proof":"httpsig","jwk":{"kty":"EC","crv":"P-256","kid":"device-7f3c2a91","#
            + #""x":"WKn-ZIGevcwGIyyrzFoZNBdaq9_TsqzGl96oc0CWuis","y":"y77t-RvAHRKTsSGdIYUfweuOvwrvDD-Q3Hv5J0fSKbE"}},"#
            + #""display":{"name":"Kitchen display in building 4","uri":"https://device.example/kitchen"}},"#
            + #""interact":{"start":["user_code","user_code_uri"],"hints":{"ui_locales":["en-US","fr-CA"]}},"#
            + #""user":{"sub_ids":[{"format":"opaque","id":"J2G8G8O4AZ"}],"#
            + #""assertions":[{"format":"id_token","value":"eyJraWQiOiIxZTlnZGs3IiwiYWxnIjoiUlMyNTYifQ.ewogImlzcyI6"#
            + #"ICJodHRwOi8vc2VydmVyLmV4YW1wbGUuY29tIiwKICJzdWIiOiAiMjQ4Mjg5NzYxMDAxIiwKICJhdWQiOiAiczZCaGRS"}]}}"#)
            .utf8)

    /// The unsigned request: what the client has before applying the GNAP profile.
    static func unsignedRequest() -> HTTPRequest {
        var request = HTTPRequest(method: .post, scheme: "https", authority: "as.example.com", path: "/gnap")
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.accept] = "application/json"
        request.headerFields[.contentLength] = String(body.count)
        request.headerFields[.userAgent] = "gnapterm/0.1"
        return request
    }
}
