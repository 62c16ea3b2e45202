import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Small entry points into the public API for the structured-field and bad-input tests.
enum Probe {
    /// The signatures read from a `Signature-Input` value; `signature` defaults to a one-byte signature under the
    /// first label of `input`.
    static func signatures(
        input: String, signature: String? = nil, limits: SignatureLimits = .standard
    ) throws(SignatureFieldError) -> [ReceivedSignature] {
        var fields = HTTPFields()
        fields[.signatureInput] = input
        fields[.signature] = signature ?? "\(input.prefix { $0 != "=" })=:AA==:"
        return try ReceivedSignature.all(in: fields, limits: limits)
    }

    /// The first signature's `@signature-params` value as this library re-serializes it.
    static func reserialized(input: String) throws -> String {
        try SerializationExampleTests.reserialized(try #require(try signatures(input: input).first))
    }

    /// A request to `https://example.com/foo?param=Value&Pet=dog` with these field lines and trailers.
    static func request(fields: [(String, String)] = [], trailers: [(String, String)]? = nil) throws -> HTTPMessage {
        var request = HTTPRequest(
            method: .post, scheme: "https", authority: "example.com", path: "/foo?param=Value&Pet=dog")
        request.headerFields = try httpFields(fields)
        return .request(request, trailers: try trailers.map(httpFields))
    }

    static func httpFields(_ lines: [(String, String)]) throws -> HTTPFields {
        HTTPFields(try lines.map { HTTPField(name: try #require(HTTPField.Name($0.0)), value: $0.1) })
    }

    /// The signature base line value of the component `identifier` (structured-field text, as in a Signature-Input)
    /// in `message`.
    static func value(of identifier: String, in message: HTTPMessage) throws -> String {
        let components = try ComponentValueExampleTests.components([identifier])
        let base = try SignatureBase(message: message, components: components, parameters: SignatureParameters())
        let line = try #require(base.text.split(separator: "\n", omittingEmptySubsequences: false).first)
        let prefix = components[0].serialized + ": "
        try #require(line.hasPrefix(prefix))
        return String(line.dropFirst(prefix.count))
    }

    /// The value of `identifier` over a request with a single field line `name: value`.
    static func value(of identifier: String, field name: String, _ value: String) throws -> String {
        try Self.value(of: identifier, in: try request(fields: [(name, value)]))
    }
}
