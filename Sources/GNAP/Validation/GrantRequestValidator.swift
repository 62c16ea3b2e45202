/// Validates grant requests (RFC 9635 §2) against an AS policy.
public struct GrantRequestValidator: Sendable {
    public var policy: GrantRequestPolicy

    public init(policy: GrantRequestPolicy = GrantRequestPolicy()) { self.policy = policy }

    /// Decodes and validates a request body.
    public func validate(body: some Collection<UInt8>) throws(GNAPError) -> ValidatedGrantRequest {
        try validate(try GNAPJSON.decodeRequest(GrantRequest.self, from: body))
    }

    public func validate(_ request: GrantRequest) throws(GNAPError) -> ValidatedGrantRequest {
        guard request.accessToken != nil || request.subject != nil else {
            throw GNAPError(.invalidRequest, "the request must ask for 'access_token' or 'subject'")
        }
        let tokens = try validateTokens(request.accessToken)
        let (subjectFormats, assertionFormats) = try validateSubject(request.subject)
        try validateUser(request.user)
        var clientKey: ClientKeyBinding?
        var clientReference: String?
        switch request.client {
        case nil:
            throw GNAPError(.invalidClient, "the request must identify the client instance with 'client'")
        case .value(let value):
            clientKey = try ClientKeyBinding(value.key)
        case .reference(let reference):
            guard !reference.isEmpty else { throw GNAPError(.invalidClient, "'client' must not be an empty string") }
            clientReference = reference
        }
        let (startModes, finish) = try validateInteract(request.interact)
        let uiLocales = try validateHints(request.interact?.hints)
        try validateAgent(request.agent)
        return ValidatedGrantRequest(
            request: request, tokens: tokens, clientKey: clientKey, clientReference: clientReference,
            startModes: startModes, subjectFormats: subjectFormats, assertionFormats: assertionFormats,
            uiLocales: uiLocales, finish: finish)
    }

    private func validateTokens(_ requests: AccessTokenRequests?) throws(GNAPError) -> [AccessTokenRequest] {
        guard let requests else { return [] }
        let tokens = requests.requests
        guard !tokens.isEmpty else { throw GNAPError(.invalidRequest, "'access_token' must not be an empty array") }
        guard tokens.count <= policy.maximumTokensPerRequest else {
            throw GNAPError(.invalidRequest, "at most \(policy.maximumTokensPerRequest) access tokens per request")
        }
        if case .multiple = requests {
            // §2.1.2: every token request in the array needs a label, unique within the request.
            var labels: Set<String> = []
            for (index, token) in tokens.enumerated() {
                guard let label = token.label, !label.isEmpty else {
                    throw GNAPError(
                        .invalidRequest, "'access_token[\(index)]' needs a 'label' when several are asked for")
                }
                guard labels.insert(label).inserted else {
                    throw GNAPError(.invalidRequest, "access token label '\(label)' is used twice")
                }
            }
        }
        for (index, token) in tokens.enumerated() {
            try validateAccess(token.access, at: "access_token\(tokens.count > 1 ? "[\(index)]" : "").access")
            try validateFlags(token.flags)
        }
        return tokens
    }

    private func validateAccess(_ access: [AccessRight], at path: String) throws(GNAPError) {
        guard !access.isEmpty else { throw GNAPError(.invalidRequest, "'\(path)' must not be empty") }
        guard access.count <= policy.maximumRightsPerToken else {
            throw GNAPError(.invalidRequest, "'\(path)' has more than \(policy.maximumRightsPerToken) rights")
        }
        for (index, right) in access.enumerated() {
            switch right {
            case .reference(let reference) where reference.isEmpty:
                throw GNAPError(.invalidRequest, "'\(path)[\(index)]' is an empty reference")
            case .object(let object) where object.type.isEmpty:
                throw GNAPError(.invalidRequest, "'\(path)[\(index)].type' must not be empty")
            default:
                continue
            }
        }
    }

    private func validateFlags(_ flags: [String]?) throws(GNAPError) {
        // §2.1.1: a flag given more than once is `invalid_flag`.
        if let flags, Set(flags).count != flags.count {
            throw GNAPError(.invalidFlag, "an access token flag is repeated")
        }
        for flag in flags ?? [] {
            switch flag {
            case "bearer" where !policy.allowsBearerTokens:
                throw GNAPError(
                    .invalidFlag, "this AS does not issue bearer tokens; tokens are bound to the client key")
            case "bearer":
                continue
            case "durable":
                // §10.3: `durable` is a response flag; the AS decides it, the client cannot ask for it.
                throw GNAPError(.invalidFlag, "'durable' is set by the AS and cannot be requested")
            default:
                throw GNAPError(.invalidFlag, "unknown access token flag '\(flag)'")
            }
        }
    }

    /// §2.2: the subject identifier and assertion formats both requested and supported; unsupported ones are
    /// dropped (the AS releases what it can), so a request for only `saml2` releases nothing.
    private func validateSubject(_ subject: SubjectRequest?) throws(GNAPError) -> (
        subIDFormats: [String], assertionFormats: [String]
    ) {
        guard let subject else { return ([], []) }
        let formats = subject.subIDFormats ?? []
        let assertions = subject.assertionFormats ?? []
        guard !formats.isEmpty || !assertions.isEmpty else {
            throw GNAPError(.invalidRequest, "'subject' must list 'sub_id_formats' or 'assertion_formats'")
        }
        try validateSubjectIdentifiers(subject.subIDs, at: "subject.sub_ids")
        var seen: Set<String> = []
        var seenAssertions: Set<String> = []
        return (
            formats.filter { policy.supportedSubjectFormats.contains($0) && seen.insert($0).inserted },
            assertions.filter {
                policy.supportedAssertionFormats.contains($0) && seenAssertions.insert($0).inserted
            }
        )
    }

    private func validateInteract(_ interact: InteractRequest?) throws(GNAPError) -> ([String], ValidatedFinish?) {
        // Without `interact` the AS must reach the resource owner itself (§1.6.3) or need nobody (§1.6.4); whether it
        // can is the server's decision (the client's policy, the named user), not a matter of shape.
        guard let interact else { return ([], nil) }
        let finish = try validateFinish(interact.finish)
        var seen: Set<String> = []
        let usable = interact.start.filter { policy.supportedStartModes.contains($0) && seen.insert($0).inserted }
        // §2.5: without a start mode the AS can use, it cannot reach the resource owner: `invalid_interaction`.
        guard !usable.isEmpty else {
            throw GNAPError(
                .invalidInteraction,
                (interact.start.isEmpty
                    ? "'interact.start' lists no start mode, and this AS cannot reach the resource owner otherwise"
                    : "none of the start modes \(interact.start) is supported")
                    + "; supported: " + policy.supportedStartModes.sorted().joined(separator: ", "))
        }
        return (usable, finish)
    }
}
