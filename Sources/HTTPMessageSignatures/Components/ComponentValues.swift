import Foundation
import HTTPTypes
import RawStructuredFieldValues

/// Derives the canonical value of a covered component from a message (RFC 9421 §2.1, §2.2, §2.4).
enum ComponentValues {
    static let fieldParameters: Set<String> = ["sf", "key", "bs", "req", "tr"]

    static func value(of component: ComponentIdentifier, in message: HTTPMessage) throws(ComponentError) -> String {
        let usesRequest = component.hasFlag("req")
        if component.parameters["req"] != nil && !usesRequest {
            throw .invalidParameter(component: component.name, parameter: "req")
        }
        let context: HTTPMessage
        if usesRequest {
            // §2.5 step 4: `req` on a request is an error; on a response, the related request is the context.
            guard message.isResponse else {
                throw .notApplicable(component: component.name, reason: "'req' is only valid on a response")
            }
            guard let related = message.relatedRequest else {
                throw .notApplicable(component: component.name, reason: "the related request is not available")
            }
            context = related
        } else {
            context = message
        }
        if component.isDerived {
            return try derivedValue(of: component, in: context)
        }
        return try fieldValue(of: component, in: context)
    }

    // MARK: - Derived components (§2.2)

    private static func derivedValue(of component: ComponentIdentifier, in message: HTTPMessage)
        throws(ComponentError) -> String
    {
        let allowed: Set<String> = component.name == "@query-param" ? ["name", "req"] : ["req"]
        for (name, _) in component.parameters where !allowed.contains(name) {
            throw .invalidParameter(component: component.name, parameter: name)
        }
        if component.name == "@status" {
            guard let response = message.response, component.parameters["req"] == nil else {
                throw .notApplicable(component: component.name, reason: "'@status' applies to responses only")
            }
            return String(response.status.code)
        }
        guard !message.isResponse, let request = message.request else {
            throw .notApplicable(component: component.name, reason: "request components need a request")
        }
        // §2.2.5: the request target as sent. An HTTP/1.1 CONNECT request carries its target in authority-form,
        // which HTTP/2 and swift-http-types put in `:authority` with no `:path`.
        let target = request.path ?? (request.method == .connect ? request.authority ?? "" : "")
        let absoluteTarget = isAbsoluteForm(target)
        // The path and query of the target URI (RFC 9110 §7.1), which @path and @query read: those of an
        // absolute-form target (RFC 9112 §3.2.2), none for the authority and asterisk forms.
        let uriPathAndQuery =
            absoluteTarget ? originForm(ofAbsolute: target) : (request.path == nil || target == "*" ? "" : target)
        let (path, query) = splitTarget(uriPathAndQuery)
        switch component.name {
        case "@method":
            return request.method.rawValue
        case "@target-uri":
            if absoluteTarget { return target }
            guard let scheme = request.scheme, let authority = request.authority else {
                throw .missingDerivedValue(component.name)
            }
            return "\(scheme.lowercased())://\(normalizedAuthority(authority, scheme: scheme))\(uriPathAndQuery)"
        case "@authority":
            guard let authority = request.authority else { throw .missingDerivedValue(component.name) }
            return normalizedAuthority(authority, scheme: request.scheme)
        case "@scheme":
            guard let scheme = request.scheme else { throw .missingDerivedValue(component.name) }
            return scheme.lowercased()
        case "@request-target":
            return target
        case "@path":
            // §2.2.6: an empty path is "/".
            return path.isEmpty ? "/" : path
        case "@query":
            // §2.2.7: the query with its leading "?", or "?" alone when there is none.
            return "?" + (query ?? "")
        case "@query-param":
            guard let name = component.stringParameter("name") else {
                throw .invalidParameter(component: component.name, parameter: "name")
            }
            return try queryParameter(named: name, in: query ?? "", component: component.name)
        default:
            throw .unsupportedComponent(component.name)
        }
    }

    /// Whether a request target is in absolute-form (`scheme://authority/path?query`, RFC 9112 §3.2.2).
    static func isAbsoluteForm(_ target: String) -> Bool {
        guard let separator = target.range(of: "://"), separator.lowerBound > target.startIndex else { return false }
        // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        return target[..<separator.lowerBound].allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
        }
    }

    /// The path and query of an absolute-form target, e.g. `/path?q` for `https://host/path?q`.
    static func originForm(ofAbsolute target: String) -> String {
        guard let separator = target.range(of: "://") else { return target }
        let afterAuthority = target[separator.upperBound...].firstIndex { $0 == "/" || $0 == "?" }
        return afterAuthority.map { String(target[$0...]) } ?? ""
    }

    static func splitTarget(_ target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// §2.2.3: lowercase host, default ports omitted.
    static func normalizedAuthority(_ authority: String, scheme: String?) -> String {
        let lowered = authority.lowercased()
        switch scheme?.lowercased() {
        case "https" where lowered.hasSuffix(":443"): return String(lowered.dropLast(4))
        case "http" where lowered.hasSuffix(":80"): return String(lowered.dropLast(3))
        default: return lowered
        }
    }

    private static func queryParameter(named encodedName: String, in query: String, component: String)
        throws(ComponentError) -> String
    {
        let matches = FormURLEncoding.parse(query).filter { FormURLEncoding.encode($0.name) == encodedName }
        guard let match = matches.first else { throw .missingDerivedValue("\(component);name=\"\(encodedName)\"") }
        // §2.2.8: a parameter that occurs several times MUST NOT be covered.
        guard matches.count == 1 else {
            throw .notApplicable(component: component, reason: "query parameter '\(encodedName)' occurs more than once")
        }
        return FormURLEncoding.encode(match.value)
    }

    // MARK: - HTTP fields (§2.1)

    private static func fieldValue(of component: ComponentIdentifier, in message: HTTPMessage) throws(ComponentError)
        -> String
    {
        for (name, value) in component.parameters {
            // `key` takes a String; `sf`, `bs`, `req` and `tr` are boolean flags (§6.5.2).
            switch (name, value) {
            case ("key", .string): continue
            case (_, .bool(true)) where fieldParameters.contains(name) && name != "key": continue
            default: throw .invalidParameter(component: component.name, parameter: name)
            }
        }
        // §2.1.4: `tr` takes the value from the trailers instead of the headers.
        let fields: HTTPFields
        if component.hasFlag("tr") {
            guard let trailers = message.trailerFields else {
                throw .notApplicable(component: component.name, reason: "the message has no trailers")
            }
            fields = trailers
        } else {
            fields = message.headerFields
        }
        let isByteSequence = component.hasFlag("bs")
        let key = component.parameters["key"]
        if isByteSequence && (component.hasFlag("sf") || key != nil) {
            throw .invalidParameter(component: component.name, parameter: "bs")
        }
        guard let fieldName = HTTPField.Name(component.name) else { throw .missingField(component.name) }
        let lines = fields[values: fieldName]
        guard !lines.isEmpty else { throw .missingField(component.name) }
        if isByteSequence {
            // §2.1.3: each field line wrapped as a Byte Sequence, then combined.
            return lines.map { ":\(Data($0.trimmingASCIIWhitespace.utf8).base64EncodedString()):" }
                .joined(separator: ", ")
        }
        let combined = lines.map(\.trimmingASCIIWhitespace).joined(separator: ", ")
        if let key {
            guard case .string(let member) = key else {
                throw .invalidParameter(component: component.name, parameter: "key")
            }
            return try StrictSerialization.dictionaryMember(member, of: combined, field: component.name)
        }
        if component.hasFlag("sf") {
            return try StrictSerialization.reserialize(combined, field: component.name)
        }
        return combined
    }
}

extension String {
    var trimmingASCIIWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
