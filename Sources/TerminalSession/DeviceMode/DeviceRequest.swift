import Foundation
import GNAP
import GNAPClient

/// The grant request `gnapterm device` sends: with start modes an interactive one (a code or link the device shows),
/// with `--user` and no start modes an asynchronous one (RFC 9635 §1.6.3), with both a request reachable either way.
enum DeviceRequest {
    static func make<C: Clock & Sendable>(
        _ flow: DeviceFlow<C>, access: [AccessTokenRequest], display: ClientDisplay, startModes: [String],
        finish: InteractFinish?, user: String?, agent: AgentDescription?
    ) throws -> GrantRequest where C.Instant == WallInstant {
        guard let user else {
            var request = try flow.grantRequest(
                access: access, display: display, startModes: startModes, finish: finish)
            request.agent = agent
            return request
        }
        let identifier = try subjectIdentifier(user)
        guard !startModes.isEmpty else {
            return try flow.asynchronousRequest(access: access, display: display, user: identifier, agent: agent)
        }
        var request = try flow.grantRequest(access: access, display: display, startModes: startModes, finish: finish)
        request.user = .value(UserValue(subIDs: [identifier]))
        request.agent = agent
        return request
    }

    /// `--user`: an e-mail address (it has an `@`) or an opaque subject identifier (RFC 9493).
    static func subjectIdentifier(_ text: String) throws(SessionError) -> SubjectIdentifier {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.count <= 256, !value.contains(where: { $0.isWhitespace }) else {
            throw SessionError("--user must be an e-mail address or an opaque user id, without spaces")
        }
        return value.contains("@") ? .email(value) : .opaque(value)
    }
}
