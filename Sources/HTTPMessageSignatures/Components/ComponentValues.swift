import Foundation
import HTTPTypes
import RawStructuredFieldValues

/// Derives the canonical value of a covered component from a message (RFC 9421 §2.1, §2.2, §2.4).
enum ComponentValues {
    static let fieldParameters: Set<String> = ["sf", "key", "bs", "req", "tr"]

    static func value(
        of component: ComponentIdentifier, in message: HTTPMessage, parsing: inout StructuredParsing
    ) throws(ComponentError) -> String {
        let limits = parsing.limits
        // Most covered components have no parameters; skipping the parameter lookups for them is a measurable part
        // of verifying (docs/performance.md).
        if !component.hasParameters {
            if component.isDerived {
                return try checkedLength(try derivedValue(of: component, in: message), component, limits)
            }
            return try fieldValue(of: component, in: message, parsing: &parsing)
        }
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
            return try checkedLength(try derivedValue(of: component, in: context), component, limits)
        }
        return try fieldValue(of: component, in: context, parsing: &parsing)
    }

    /// A derived value longer than the limit is refused (fields are limited where they are combined).
    private static func checkedLength(_ value: String, _ component: ComponentIdentifier, _ limits: SignatureLimits)
        throws(ComponentError) -> String
    {
        guard value.utf8.count <= limits.maximumComponentValueLength else {
            throw .valueTooLong(
                component: component.name, length: value.utf8.count, limit: limits.maximumComponentValueLength)
        }
        return value
    }

    // MARK: - Derived components (§2.2)

    private static func derivedValue(of component: ComponentIdentifier, in message: HTTPMessage)
        throws(ComponentError) -> String
    {
        let hasParameters = component.hasParameters
        if hasParameters {
            let allowed: Set<String> = component.name == "@query-param" ? ["name", "req"] : ["req"]
            for (name, _) in component.parameters where !allowed.contains(name) {
                throw .invalidParameter(component: component.name, parameter: name)
            }
        }
        if component.name == "@status" {
            guard let response = message.response, !hasParameters || component.parameters["req"] == nil else {
                throw .notApplicable(component: component.name, reason: "'@status' applies to responses only")
            }
            return String(response.status.code)
        }
        guard !message.isResponse, let request = message.request else {
            throw .notApplicable(component: component.name, reason: "request components need a request")
        }
        let target = RequestTarget(request)
        switch component.name {
        case "@method":
            return request.method.rawValue
        case "@target-uri":
            guard let scheme = target.scheme, let authority = target.authority else {
                throw .missingDerivedValue(component.name)
            }
            return "\(scheme.lowercased())://\(normalizedAuthority(authority, scheme: scheme))\(target.pathAndQuery)"
        case "@authority":
            guard let authority = target.authority else { throw .missingDerivedValue(component.name) }
            return normalizedAuthority(authority, scheme: target.scheme)
        case "@scheme":
            guard let scheme = target.scheme else { throw .missingDerivedValue(component.name) }
            return scheme.lowercased()
        case "@request-target":
            return target.raw
        case "@path":
            guard let path = target.path else { throw .missingDerivedValue(component.name) }
            // §2.2.6: an empty path is "/".
            return path.isEmpty ? "/" : path
        case "@query":
            guard target.path != nil else { throw .missingDerivedValue(component.name) }
            // §2.2.7: the query with its leading "?", or "?" alone when there is none.
            return "?" + (target.query ?? "")
        case "@query-param":
            guard let name = component.stringParameter("name") else {
                throw .invalidParameter(component: component.name, parameter: "name")
            }
            guard target.path != nil else { throw .missingDerivedValue(component.name) }
            return try queryParameter(named: name, in: target.query ?? "", component: component.name)
        default:
            throw .unsupportedComponent(component.name)
        }
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

    private static func fieldValue(
        of component: ComponentIdentifier, in message: HTTPMessage, parsing: inout StructuredParsing
    ) throws(ComponentError) -> String {
        let hasParameters = component.hasParameters
        let limits = parsing.limits
        if hasParameters {
            for (name, value) in component.parameters {
                // `key` takes a String; `sf`, `bs`, `req` and `tr` are boolean flags (§6.5.2).
                switch (name, value) {
                case ("key", .string): continue
                case (_, .bool(true)) where fieldParameters.contains(name) && name != "key": continue
                default: throw .invalidParameter(component: component.name, parameter: name)
                }
            }
        }
        // §2.1.4: `tr` takes the value from the trailers instead of the headers.
        let fields: HTTPFields
        if hasParameters && component.hasFlag("tr") {
            guard let trailers = message.trailerFields else {
                throw .notApplicable(component: component.name, reason: "the message has no trailers")
            }
            fields = trailers
        } else {
            fields = message.headerFields
        }
        let isByteSequence = hasParameters && component.hasFlag("bs")
        let key = hasParameters ? component.parameters["key"] : nil
        if isByteSequence && (component.hasFlag("sf") || key != nil) {
            throw .invalidParameter(component: component.name, parameter: "bs")
        }
        guard let fieldName = HTTPField.Name(component.name) else { throw .missingField(component.name) }
        let lines = fields[values: fieldName]
        guard !lines.isEmpty else { throw .missingField(component.name) }
        // Checked before any Structured Field parsing (`sf`, `key`), whose cost grows faster than the length.
        let length = lines.reduce(2 * (lines.count - 1)) { $0 + $1.utf8.count }
        guard length <= limits.maximumComponentValueLength else {
            throw .valueTooLong(component: component.name, length: length, limit: limits.maximumComponentValueLength)
        }
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
            return try parsing.dictionaryMember(member, of: combined, field: component.name)
        }
        if component.hasFlag("sf") {
            return try parsing.reserialize(combined, field: component.name)
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
