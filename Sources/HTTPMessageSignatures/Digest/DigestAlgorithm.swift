import Crypto

/// Hash algorithms of the HTTP Digest Algorithm Values registry (RFC 9530 §5) that this library computes.
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable, Codable {
    case sha256 = "sha-256"
    case sha512 = "sha-512"

    /// The digest of `bytes` with this algorithm.
    public func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        let array = Array(bytes)
        switch self {
        case .sha256: return Array(SHA256.hash(data: array))
        case .sha512: return Array(SHA512.hash(data: array))
        }
    }
}
