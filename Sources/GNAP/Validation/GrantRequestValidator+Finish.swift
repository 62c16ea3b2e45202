import Foundation

/// An interaction finish request (RFC 9635 §2.5.2) that passed validation.
public struct ValidatedFinish: Sendable, Hashable {
    public var method: FinishMethod
    /// The client's callback URI: absolute, without fragment.
    public var uri: String
    /// The client's nonce for the interaction hash (§4.2.3).
    public var nonce: String
    public var hashMethod: InteractionHashMethod
}

extension GrantRequestValidator {
    /// Checks `interact.finish` (§2.5.2): a supported method, an acceptable absolute URI without fragment, a
    /// nonce of printable ASCII, and a `hash_method` from the IANA registry that this AS computes.
    func validateFinish(_ finish: InteractFinish?) throws(GNAPError) -> ValidatedFinish? {
        guard let finish else { return nil }
        let policy = policy.finish
        guard let method = FinishMethod(rawValue: finish.method) else {
            throw GNAPError(
                .invalidRequest, "unknown 'interact.finish.method' '\(finish.method)'; use redirect or push")
        }
        guard policy.methods.contains(method) else {
            throw GNAPError(.invalidRequest, "this AS does not support the '\(method.rawValue)' finish method")
        }
        // §2.5.2: "Unique ASCII string value"; it is one line of the hash base (§4.2.3), so no control characters.
        guard !finish.nonce.isEmpty, finish.nonce.utf8.count <= policy.maximumNonceLength,
            finish.nonce.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw GNAPError(
                .invalidRequest,
                "'interact.finish.nonce' must be 1 to \(policy.maximumNonceLength) printable ASCII characters")
        }
        let hashMethod = try InteractionHashMethod(requested: finish.hashMethod)
        let uri = try FinishURI(finish.uri, maximumLength: policy.maximumURILength)
        switch method {
        case .redirect:
            // §2.5.2.1: HTTPS, a server local to the person's browser, or an application-specific scheme.
            if uri.scheme == "http" && !uri.isLoopback {
                throw GNAPError(
                    .invalidRequest, "a redirect 'interact.finish.uri' must use https unless it is on localhost")
            }
            if FinishURI.dangerousSchemes.contains(uri.scheme) {
                throw GNAPError(.invalidRequest, "'\(uri.scheme):' cannot be an 'interact.finish.uri'")
            }
        case .push:
            // §4.2.2, §11.34: the AS itself calls this URI, so only hosts it is told are safe.
            guard uri.scheme == "https" || uri.scheme == "http" else {
                throw GNAPError(.invalidRequest, "a push 'interact.finish.uri' must be an http(s) URI")
            }
            if uri.isLoopback {
                guard policy.allowsLoopbackPush else {
                    throw GNAPError(.invalidRequest, "this AS does not push to loopback addresses")
                }
            } else {
                guard uri.scheme == "https", let host = uri.host, policy.pushHosts.contains(host) else {
                    throw GNAPError(
                        .invalidRequest, "this AS does not push to '\(uri.host ?? finish.uri)' (not on its allow list)")
                }
            }
        }
        return ValidatedFinish(method: method, uri: finish.uri, nonce: finish.nonce, hashMethod: hashMethod)
    }
}

/// The parts of a finish URI the checks need.
struct FinishURI {
    var scheme: String
    /// The host, lowercased, without IPv6 brackets; nil for URIs without an authority.
    var host: String?

    /// Schemes that must never receive a person or a request.
    static let dangerousSchemes: Set<String> = ["javascript", "data", "file", "vbscript", "about", "blob"]

    init(_ text: String, maximumLength: Int) throws(GNAPError) {
        guard !text.isEmpty, text.utf8.count <= maximumLength else {
            throw GNAPError(.invalidRequest, "'interact.finish.uri' must be 1 to \(maximumLength) characters")
        }
        // §2.5.2: "MUST be an absolute URI, and MUST NOT contain any fragment component".
        guard !text.contains("#") else {
            throw GNAPError(.invalidRequest, "'interact.finish.uri' must not contain a fragment")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme.first?.isLetter == true
        else {
            throw GNAPError(.invalidRequest, "'interact.finish.uri' must be an absolute URI")
        }
        self.scheme = scheme
        if scheme == "http" || scheme == "https" {
            guard let host = components.host, !host.isEmpty else {
                throw GNAPError(.invalidRequest, "'interact.finish.uri' has no host")
            }
            guard components.user == nil, components.password == nil else {
                throw GNAPError(.invalidRequest, "'interact.finish.uri' must not contain user information")
            }
            self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        } else {
            host = components.host?.lowercased()
        }
    }

    /// `localhost`, an IPv4 address in 127.0.0.0/8, or the IPv6 loopback address.
    var isLoopback: Bool {
        guard let host else { return false }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
