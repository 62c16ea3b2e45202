import GNAP

/// A headless device's whole grant: the request with its interaction start modes (default `user_code` and
/// `user_code_uri`), then either polling (RFC 9635 §5.2) or, with a finish method, waiting for the interaction
/// reference and continuing with it (§4.2, §5.1), until approved, denied or expired; progress comes as events.
/// A flow cancelled while it waits cancels its grant (§5.4).
public struct DeviceFlow<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public let client: GrantClient
    public let clock: C

    public init(client: GrantClient, clock: C) {
        self.client = client
        self.clock = clock
    }

    /// The start modes a device asks for unless told otherwise.
    public static var defaultStartModes: [String] { [StartMode.userCode, StartMode.userCodeURI] }

    public enum Event: Sendable, Equatable {
        /// How the person can start the interaction, and until when it works.
        case interaction(DeviceInteraction)
        /// Still pending; next poll at this instant.
        case waiting(nextPollAt: WallInstant)
        /// Someone entered the user code or opened the link (the AS said so in a pending response); sent once.
        case codeEntered
        /// A poll failed for a transient reason; retrying at this instant.
        case retrying(reason: String, nextPollAt: WallInstant)
        /// The finish callback arrived and its hash verified; continuing with the interaction reference (§5.1).
        case interactionFinished
    }

    public enum Outcome: Sendable, Equatable {
        case granted(GrantResponse)
        case denied(GNAPError)
        case expired
    }

    /// Builds the grant request a device sends: the access rights, this client's key and display, the start modes
    /// and, when given, the finish method (§2.5.2).
    public func grantRequest(
        access: [AccessTokenRequest], display: ClientDisplay?, subject: SubjectRequest? = nil,
        startModes: [String] = defaultStartModes, finish: InteractFinish? = nil
    ) throws(GNAPClientError) -> GrantRequest {
        GrantRequest(
            accessToken: access.count == 1 ? .single(access[0]) : .multiple(access), subject: subject,
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: display)),
            interact: InteractRequest(start: startModes, finish: finish))
    }

    /// Runs the flow. With a finish method in `request`, `listener` must be the listener whose URI the request
    /// names (the `push` or `redirect` callback arrives there). Throws ``GNAPClientError`` for failures other than
    /// denial and expiry.
    public func run(
        _ request: GrantRequest, endpoint: String, listener: FinishListener? = nil,
        onEvent: @Sendable (Event) async -> Void
    ) async throws -> Outcome {
        let response = try await client.request(request, endpoint: endpoint)
        let receivedAt = clock.now
        if let error = response.error { throw GNAPClientError.server(status: 400, error: error) }
        if response.accessToken != nil { return .granted(response) }
        guard let continuation = response.continue else {
            throw GNAPClientError.malformedResponse("the grant response has neither tokens nor 'continue'")
        }
        if request.interact == nil {
            return try await waitForApproval(request, response: response, continuation: continuation, onEvent: onEvent)
        }
        let interact = response.interact
        let lifetime = Duration.seconds(interact?.expiresIn ?? 600)
        let interaction = DeviceInteraction(
            userCode: interact?.userCode ?? interact?.userCodeURI?.code, userCodeURI: interact?.userCodeURI?.uri,
            redirect: interact?.redirect, app: interact?.app,
            finish: interact?.finish == nil
                ? nil : request.interact?.finish.flatMap { FinishMethod(rawValue: $0.method) },
            expiresAt: receivedAt.advanced(by: lifetime))
        guard interaction.userCode != nil || interaction.redirect != nil || interaction.app != nil else {
            throw GNAPClientError.malformedResponse("the AS offered none of the requested interaction start modes")
        }
        await onEvent(.interaction(interaction))
        // Grace after expiry: the AS itself says "expired" on the next poll; stop waiting a little later regardless.
        let deadline = interaction.expiresAt.advanced(by: .seconds((continuation.wait ?? 5) * 2 + 5))
        if let serverNonce = interact?.finish, let requested = request.interact?.finish, let listener {
            // §3.3.5: with a finish nonce, the client "MUST NOT continue a grant request before it receives the
            // associated interaction reference".
            let expectation = FinishExpectation(
                clientNonce: requested.nonce, serverNonce: serverNonce, grantEndpoint: endpoint,
                hashMethod: try InteractionHashMethod(requested: requested.hashMethod))
            return try await awaitFinish(
                listener: listener, expectation: expectation, continuation: continuation, receivedAt: receivedAt,
                deadline: deadline, onEvent: onEvent)
        }
        // No finish method, or the AS did not accept it (no `interact.finish`): poll (§5.2).
        return try await poll(continuation, deadline: deadline, onEvent: onEvent)
    }
}

/// How the person can start the interaction (RFC 9635 §3.3), as the device shows it.
public struct DeviceInteraction: Sendable, Hashable {
    /// `user_code` (or the code of `user_code_uri`).
    public var userCode: String?
    /// Where to enter the code (`user_code_uri.uri`).
    public var userCodeURI: String?
    /// The interaction URL (`redirect`, §3.3.1).
    public var redirect: String?
    /// The application URI (`app`, §3.3.2).
    public var app: String?
    /// The finish method the AS accepted, if any.
    public var finish: FinishMethod?
    /// An asynchronous request (RFC 9635 §1.6.3, no interaction): the user it names, who approves on their own
    /// terminal; nothing is shown to type or open.
    public var approver: String?
    public var expiresAt: WallInstant

    public init(
        userCode: String? = nil, userCodeURI: String? = nil, redirect: String? = nil, app: String? = nil,
        finish: FinishMethod? = nil, approver: String? = nil, expiresAt: WallInstant
    ) {
        self.userCode = userCode
        self.userCodeURI = userCodeURI
        self.redirect = redirect
        self.app = app
        self.finish = finish
        self.approver = approver
        self.expiresAt = expiresAt
    }
}
