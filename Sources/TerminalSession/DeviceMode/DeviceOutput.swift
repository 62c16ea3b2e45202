import GNAP
import GNAPClient

/// The machine-readable lines of `gnapterm device --json`: one JSON object per line.
public enum DeviceOutput {
    /// The first line: how to start the interaction. `event` is `user_code` when there is a code (as before the
    /// other start modes existed), else `interaction`.
    struct UserCodeLine: Encodable {
        var event: String
        var userCode: String?
        var userCodeURI: String?
        /// The interaction URL (`redirect` start mode).
        var redirect: String?
        /// The application URI (`app` start mode).
        var app: String?
        /// The finish method the AS accepted (`push` or `redirect`).
        var finish: String?
        var expiresAt: String

        private enum CodingKeys: String, CodingKey {
            case event
            case userCode = "user_code"
            case userCodeURI = "user_code_uri"
            case redirect, app, finish
            case expiresAt = "expires_at"
        }
    }

    /// `waiting_for_approval`: an asynchronous request waits for `user` on their own terminal.
    struct ApprovalWaitLine: Encodable {
        let event = "waiting_for_approval"
        var user: String
        var expiresAt: String

        private enum CodingKeys: String, CodingKey {
            case event, user
            case expiresAt = "expires_at"
        }
    }

    struct EventLine: Encodable {
        var event: String
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

    static func interaction(_ interaction: DeviceInteraction) -> String {
        if let approver = interaction.approver {
            // An asynchronous request (RFC 9635 §1.6.3): nothing to show, the user approves on their terminal.
            return line(
                ApprovalWaitLine(user: approver, expiresAt: interaction.expiresAt.iso8601))
        }
        return line(
            UserCodeLine(
                event: interaction.userCode == nil ? "interaction" : "user_code", userCode: interaction.userCode,
                userCodeURI: interaction.userCodeURI, redirect: interaction.redirect, app: interaction.app,
                finish: interaction.finish?.rawValue, expiresAt: interaction.expiresAt.iso8601))
    }

    /// The line of a flow event, if it has one.
    static func progress<C: Clock & Sendable>(_ event: DeviceFlow<C>.Event) -> String? where C.Instant == WallInstant {
        switch event {
        case .interaction(let interaction): Self.interaction(interaction)
        case .waiting(let next): Self.waiting(nextPollAt: next)
        case .interactionFinished: Self.interactionFinished
        case .retrying(let reason, let next): Self.waiting(nextPollAt: next, reason: reason)
        case .codeEntered: Self.codeEntered
        }
    }

    /// Someone entered the code or opened the link (the AS said so in a pending response); printed once.
    static var codeEntered: String { line(EventLine(event: "code_entered")) }

    /// The finish callback arrived and verified; the device continues with the interaction reference.
    static var interactionFinished: String { line(EventLine(event: "interaction_finished")) }

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
