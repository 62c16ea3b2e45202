/// A JWS in compact serialization (RFC 7515 §7.1): `BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(sig)`.
///
/// The one JWS type of the project: ID Token assertions (RFC 9635 §3.4.1), the `jwsd` and `jws` key proofs
/// (§7.3.3, §7.3.4) and signed tokens all use it. Parsing is strict (canonical base64url, a JSON header without
/// duplicate names, `alg` present); verification takes a ``VerificationKey``, which is bound to exactly one
/// algorithm, and refuses a header whose `alg` is not that algorithm, so the token never chooses how it is checked:
/// `none` is always refused, and `HS256` is possible only with a key that was built as a shared secret.
public struct CompactJWS: Sendable, Hashable {
    /// The protected header.
    public let header: JOSEHeader
    /// The payload as carried in the JWS; empty when the payload segment is empty (an empty payload, or detached
    /// content as in RFC 7515 Appendix F).
    public let payload: [UInt8]
    /// The signature bytes (ECDSA as r‖s, RFC 7518 §3.4).
    public let signature: [UInt8]
    /// The serialization as received, as UTF-8 (kept as bytes: the signing input is a prefix of it).
    let bytes: [UInt8]
    /// Where the two dots are in ``bytes``.
    let firstDot: Int
    let secondDot: Int

    /// Size limits applied before anything is decoded.
    public struct Limits: Sendable, Hashable {
        /// Longest accepted serialization, in bytes.
        public var maximumLength: Int
        /// Longest accepted encoded header, in bytes.
        public var maximumHeaderLength: Int

        /// - Parameters:
        ///   - maximumLength: default 1 MiB, above any request body this project accepts.
        ///   - maximumHeaderLength: default 8 KiB.
        public init(maximumLength: Int = 1 << 20, maximumHeaderLength: Int = 8 << 10) {
            self.maximumLength = maximumLength
            self.maximumHeaderLength = maximumHeaderLength
        }
    }

    /// Parses a compact JWS without checking its signature (RFC 7515 §5.2 steps 1–6).
    public init(parsing compact: String, limits: Limits = Limits()) throws(Failure) {
        let bytes = Array(compact.utf8)
        let parsed = bytes.withUnsafeBufferPointer { utf8 in Self.parse(utf8, limits: limits) }
        switch parsed {
        case .success(let parts):
            header = parts.header
            payload = parts.payload
            signature = parts.signature
            firstDot = parts.firstDot
            secondDot = parts.secondDot
        case .failure(let failure):
            throw failure
        }
        self.bytes = bytes
    }

    /// What parsing finds (a struct, not a tuple: a generic `Result` of a tuple costs a metadata lookup per call).
    private struct Parts {
        var header: JOSEHeader
        var payload: [UInt8]
        var signature: [UInt8]
        var firstDot: Int
        var secondDot: Int
    }

    private static func parse(_ utf8: UnsafeBufferPointer<UInt8>, limits: Limits) -> Result<Parts, Failure> {
        guard utf8.count <= limits.maximumLength else { return .failure(.malformed("the JWS is longer than allowed")) }
        guard let first = utf8.firstIndex(of: UInt8(ascii: ".")),
            let second = utf8[(first + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !utf8[(second + 1)...].contains(UInt8(ascii: "."))
        else { return .failure(.malformed("a compact JWS has three parts")) }
        guard first > 0 else { return .failure(.malformed("the header part is empty")) }
        guard first <= limits.maximumHeaderLength else {
            return .failure(.malformed("the header is longer than allowed"))
        }
        guard let headerBytes = Base64URL.decodeCanonical(UnsafeBufferPointer(rebasing: utf8[..<first])),
            let payload = Base64URL.decodeCanonical(UnsafeBufferPointer(rebasing: utf8[(first + 1)..<second])),
            let signature = Base64URL.decodeCanonical(UnsafeBufferPointer(rebasing: utf8[(second + 1)...]))
        else { return .failure(.malformed("a part is not unpadded base64url")) }
        return headerBytes.withUnsafeBufferPointer { json in
            do throws(Failure) {
                let header = try JOSEHeader(json: json)
                return .success(
                    Parts(header: header, payload: payload, signature: signature, firstDot: first, secondDot: second))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Parses a compact JWS without checking its signature.
    public static func parse(_ compact: String, limits: Limits = Limits()) throws(Failure) -> CompactJWS {
        try CompactJWS(parsing: compact, limits: limits)
    }

    /// The serialization (`BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)`) as received.
    public var compact: String { String(decoding: bytes, as: UTF8.self) }
    /// ``compact`` as UTF-8 bytes (a body, for the `jws` proof).
    public var compactBytes: [UInt8] { bytes }

    /// Whether the payload segment is empty: the payload is empty or travels outside the JWS (RFC 7515 App. F).
    public var hasEmptyPayloadSegment: Bool { secondDot == firstDot + 1 }

    /// `ASCII(BASE64URL(header) '.' BASE64URL(payload))` as received: the bytes the signature covers (§5.1 step 5).
    public var signingInput: [UInt8] { Array(bytes[..<secondDot]) }

    /// The signing input with `detachedPayload` in the (empty) payload segment (RFC 7515 Appendix F).
    public func signingInput(detachedPayload: [UInt8]) -> [UInt8] {
        Array(bytes[...firstDot]) + Array(Base64URL.encode(detachedPayload).utf8)
    }
}
