/// What a verifier demands of a signature beyond cryptographic validity (RFC 9421 §3.2.1, §7.2).
public struct VerificationPolicy: Sendable {
    /// Components every acceptable signature must cover.
    public var requiredComponents: [ComponentIdentifier]
    /// When set, only signatures with exactly this `tag` are considered (others are ignored, not failed).
    public var requiredTag: String?
    /// Whether a `created` parameter is mandatory.
    public var requireCreated: Bool
    /// Oldest acceptable `created`, in seconds before `now`; nil for no limit.
    public var maximumAge: Int64?
    /// Tolerated clock difference, in seconds, for `created` in the future and for `expires`.
    public var allowedClockSkew: Int64
    /// The verifier's current Unix time.
    public var now: Int64
    /// Bounds on the size of the signature fields and covered components of a received message.
    public var limits: SignatureLimits

    /// - Parameters:
    ///   - requiredComponents: components that must be covered. Default: none.
    ///   - requiredTag: required `tag`. Default: none.
    ///   - requireCreated: whether `created` is required. Default: true.
    ///   - maximumAge: maximum age of `created` in seconds. Default: 300.
    ///   - allowedClockSkew: seconds of skew tolerated. Default: 30.
    ///   - now: the current Unix time.
    ///   - limits: size limits on received signatures. Default: ``SignatureLimits/standard``.
    public init(
        requiredComponents: [ComponentIdentifier] = [], requiredTag: String? = nil, requireCreated: Bool = true,
        maximumAge: Int64? = 300, allowedClockSkew: Int64 = 30, now: Int64, limits: SignatureLimits = .standard
    ) {
        self.requiredComponents = requiredComponents
        self.requiredTag = requiredTag
        self.requireCreated = requireCreated
        self.maximumAge = maximumAge
        self.allowedClockSkew = allowedClockSkew
        self.now = now
        self.limits = limits
    }
}
