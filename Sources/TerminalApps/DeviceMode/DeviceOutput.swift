import GNAP

/// The machine-readable lines of `gnapterm device --json`: one JSON object per line.
public enum DeviceOutput {
    struct UserCodeLine: Encodable {
        let event = "user_code"
        var userCode: String
        var userCodeURI: String?
        var expiresAt: String

        private enum CodingKeys: String, CodingKey {
            case event
            case userCode = "user_code"
            case userCodeURI = "user_code_uri"
            case expiresAt = "expires_at"
        }
    }

    struct WaitingLine: Encodable {
        var event: String
        var nextPollAt: String
        var reason: String?

        private enum CodingKeys: String, CodingKey {
            case event
            case nextPollAt = "next_poll_at"
            case reason
        }
    }

    struct GrantedLine: Encodable {
        let event = "granted"
        var accessToken: AccessTokenResponses?
        var subject: SubjectResponse?

        private enum CodingKeys: String, CodingKey {
            case event
            case accessToken = "access_token"
            case subject
        }
    }

    struct DeniedLine: Encodable {
        let event = "denied"
        var error: GNAPError
    }

    struct ExpiredLine: Encodable {
        let event = "expired"
    }

    static func line(_ value: some Encodable) -> String {
        (try? GNAPJSON.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"event":"error"}"#
    }

    static func userCode(code: String, uri: String?, expiresAt: WallInstant) -> String {
        line(UserCodeLine(userCode: code, userCodeURI: uri, expiresAt: expiresAt.iso8601))
    }

    static func waiting(nextPollAt: WallInstant, reason: String? = nil) -> String {
        line(WaitingLine(event: reason == nil ? "waiting" : "retrying", nextPollAt: nextPollAt.iso8601, reason: reason))
    }

    static func granted(_ response: GrantResponse) -> String {
        line(GrantedLine(accessToken: response.accessToken, subject: response.subject))
    }

    static func denied(_ error: GNAPError) -> String { line(DeniedLine(error: error)) }

    static var expired: String { line(ExpiredLine()) }

    /// The tokens alone, pretty-printed, for the human mode's stdout.
    static func tokens(_ response: GrantResponse) -> String {
        let encoder = GNAPJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        let value = GrantedLine(accessToken: response.accessToken, subject: response.subject)
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
