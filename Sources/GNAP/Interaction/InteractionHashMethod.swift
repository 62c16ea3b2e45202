import Crypto
import HTTPMessageSignatures

/// A `hash_method` of an interaction finish request (RFC 9635 §2.5.2, §4.2.3): a name from the IANA "Named
/// Information Hash Algorithm Registry" (RFC 6920 §9.4). The default is `sha-256`.
///
/// The registry's truncated SHA-256 names (`sha-256-128` … `sha-256-32`) keep the leftmost bits of the SHA-256
/// digest (RFC 6920 §2). `sha3-224`, the BLAKE2 and the KangarooTwelve names are registered too, but swift-crypto
/// has no implementation of them; they are recognized so the error can say "registered, not supported".
public struct InteractionHashMethod: Sendable, Hashable, CustomStringConvertible {
    /// The registry name, e.g. `sha-256`.
    public let name: String
    private let function: Function
    /// How many leading bytes of the digest are kept (RFC 6920 truncation); nil keeps them all.
    private let truncatedLength: Int?

    private enum Function: Sendable, Hashable {
        case sha256, sha384, sha512, sha3At256, sha3At384, sha3At512
    }

    private init(_ name: String, _ function: Function, truncatedTo length: Int? = nil) {
        self.name = name
        self.function = function
        truncatedLength = length
    }

    public static let sha256 = InteractionHashMethod("sha-256", .sha256)
    public static let sha256Truncated128 = InteractionHashMethod("sha-256-128", .sha256, truncatedTo: 16)
    public static let sha256Truncated120 = InteractionHashMethod("sha-256-120", .sha256, truncatedTo: 15)
    public static let sha256Truncated96 = InteractionHashMethod("sha-256-96", .sha256, truncatedTo: 12)
    public static let sha256Truncated64 = InteractionHashMethod("sha-256-64", .sha256, truncatedTo: 8)
    public static let sha256Truncated32 = InteractionHashMethod("sha-256-32", .sha256, truncatedTo: 4)
    public static let sha384 = InteractionHashMethod("sha-384", .sha384)
    public static let sha512 = InteractionHashMethod("sha-512", .sha512)
    public static let sha3Digest256 = InteractionHashMethod("sha3-256", .sha3At256)
    public static let sha3Digest384 = InteractionHashMethod("sha3-384", .sha3At384)
    public static let sha3Digest512 = InteractionHashMethod("sha3-512", .sha3At512)

    /// Every method this implementation computes, in registry order.
    public static let supported: [InteractionHashMethod] = [
        .sha256, .sha256Truncated128, .sha256Truncated120, .sha256Truncated96, .sha256Truncated64, .sha256Truncated32,
        .sha384, .sha512, .sha3Digest256,
        .sha3Digest384, .sha3Digest512,
    ]

    /// Registry names (as of the registry's 2022-01-18 update) that this implementation cannot compute.
    public static let registeredButUnsupported: Set<String> = [
        "sha3-224", "blake2s-256", "blake2b-256", "blake2b-512", "k12-256", "k12-512",
    ]

    /// The method with this registry name. Names are matched exactly: the registry's names are lowercase.
    public init(name: String) throws(GNAPError) {
        if let known = Self.supported.first(where: { $0.name == name }) {
            self = known
        } else if Self.registeredButUnsupported.contains(name) {
            throw GNAPError(
                .invalidRequest,
                "'interact.finish.hash_method' '\(name)' is registered but not supported by this AS; supported: "
                    + Self.supported.map(\.name).joined(separator: ", "))
        } else {
            throw GNAPError(
                .invalidRequest,
                "'interact.finish.hash_method' '\(name)' is not in the IANA Named Information Hash Algorithm "
                    + "Registry; supported: " + Self.supported.map(\.name).joined(separator: ", "))
        }
    }

    /// The method a request names, or the default `sha-256` when it names none (§2.5.2).
    public init(requested name: String?) throws(GNAPError) {
        guard let name else {
            self = .sha256
            return
        }
        try self.init(name: name)
    }

    public var description: String { name }

    /// The digest of `bytes`, truncated as the name says.
    public func digest(_ bytes: [UInt8]) -> [UInt8] {
        let full: [UInt8] =
            switch function {
            case .sha256: Array(SHA256.hash(data: bytes))
            case .sha384: Array(SHA384.hash(data: bytes))
            case .sha512: Array(SHA512.hash(data: bytes))
            case .sha3At256: Array(SHA3_256.hash(data: bytes))
            case .sha3At384: Array(SHA3_384.hash(data: bytes))
            case .sha3At512: Array(SHA3_512.hash(data: bytes))
            }
        return truncatedLength.map { Array(full.prefix($0)) } ?? full
    }
}
