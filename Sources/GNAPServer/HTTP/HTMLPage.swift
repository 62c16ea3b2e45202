import HTTPTypes
import Hummingbird

/// The AS's few HTML pages (the user-code page and the interaction-link page): static text, no scripts, no styles,
/// nothing loaded. The headers say so, so that a browser refuses anything injected and no other site can frame them.
enum HTMLPage {
    static func response(_ status: HTTPResponse.Status = .ok, html: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Nothing may load, run or frame the page (clickjacking: a page that tells people how to approve).
        headers[.contentSecurityPolicy] =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        // An interaction URL is a secret: do not leak it to anything the page might link to.
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// Text for an HTML element or attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
