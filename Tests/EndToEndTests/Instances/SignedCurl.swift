import Foundation
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// A request signed in the test (RFC 9421, a profile of `GNAP`) for the AS's public URL, sent with curl to any
/// address: to the load balancer, or straight to one instance (each checks the signature against the public URL).
struct SignedCurl {
    var arguments: [String]
    let bodyFile: URL?

    init(
        _ method: HTTPRequest.Method, _ path: String, body: [UInt8] = [], publicURL: String, key: SigningKey,
        profile: SignatureProfile
    ) throws {
        var request = HTTPRequest(method: method, url: URL(string: publicURL + path)!)
        if !body.isEmpty { request.headerFields[.contentType] = "application/json" }
        try profile.sign(&request, content: body, key: key, now: WallInstant(Date()))
        var arguments = ["-X", method.rawValue]
        for field in request.headerFields { arguments += ["-H", "\(field.name.rawName): \(field.value)"] }
        if body.isEmpty {
            bodyFile = nil
        } else {
            let file = try Binary.temporaryDirectory("body").appendingPathComponent("body.json")
            try Data(body).write(to: file)
            arguments += ["--data-binary", "@" + file.path]
            bodyFile = file
        }
        self.arguments = arguments
    }

    /// Sends the request to `base` + the path it was signed for.
    func send(to base: String, path: String) throws -> CurlResponse {
        try CurlResponse.fetch(base + path, arguments)
    }
}
