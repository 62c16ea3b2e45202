/// Why a key could not be read or used. Messages are safe to show to people: they never contain key material.
public struct KeyError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unsupportedKeyType(String)
        case unsupportedCurve(String)
        case missingMember(String)
        case malformedMember(String)
        case notAPrivateKey
        case algorithmMismatch(key: String, algorithm: String)
        case malformedPEM(String)
    }

    private let code: Code

    public static func unsupportedKeyType(_ kty: String) -> KeyError { KeyError(code: .unsupportedKeyType(kty)) }
    public static func unsupportedCurve(_ crv: String) -> KeyError { KeyError(code: .unsupportedCurve(crv)) }
    public static func missingMember(_ name: String) -> KeyError { KeyError(code: .missingMember(name)) }
    public static func malformedMember(_ name: String) -> KeyError { KeyError(code: .malformedMember(name)) }
    public static var notAPrivateKey: KeyError { KeyError(code: .notAPrivateKey) }
    public static func algorithmMismatch(key: String, algorithm: String) -> KeyError {
        KeyError(code: .algorithmMismatch(key: key, algorithm: algorithm))
    }
    public static func malformedPEM(_ detail: String) -> KeyError { KeyError(code: .malformedPEM(detail)) }

    public var description: String {
        switch code {
        case .unsupportedKeyType(let kty): "unsupported JWK key type '\(kty)'"
        case .unsupportedCurve(let crv): "unsupported curve '\(crv)'"
        case .missingMember(let name): "JWK is missing the '\(name)' member"
        case .malformedMember(let name): "JWK member '\(name)' is malformed"
        case .notAPrivateKey: "the key has no private part, so it cannot sign"
        case .algorithmMismatch(let key, let algorithm): "a \(key) key cannot be used with \(algorithm)"
        case .malformedPEM(let detail): "malformed PEM key: \(detail)"
        }
    }
}
