import GNAP

/// A headless device's whole grant: request with `user_code` interaction, then poll until approved, denied or
/// expired, reporting progress as events. A flow cancelled while it waits cancels its grant (RFC 9635 §5.4).
public struct DeviceFlow<C: Clock & Sendable>: Sendable where C.Instant == WallInstant {
    public let client: GrantClient
    public let clock: C

    public init(client: GrantClient, clock: C) {
        self.client = client
        self.clock = clock
    }

    public enum Event: Sendable, Equatable {
        /// The code to show, where to enter it, and until when it works.
        case userCode(code: String, uri: String?, expiresAt: WallInstant)
        /// Still pending; next poll at this instant.
        case waiting(nextPollAt: WallInstant)
        /// A poll failed for a transient reason; retrying at this instant.
        case retrying(reason: String, nextPollAt: WallInstant)
    }

    public enum Outcome: Sendable, Equatable {
        case granted(GrantResponse)
        case denied(GNAPError)
        case expired
    }

    /// Builds the grant request a device sends: the access rights, this client's key and display, and the
    /// `user_code` / `user_code_uri` start modes.
    public func grantRequest(access: [AccessTokenRequest], display: ClientDisplay?, subject: SubjectRequest? = nil)
        throws(GNAPClientError) -> GrantRequest
    {
        GrantRequest(
            accessToken: access.count == 1 ? .single(access[0]) : .multiple(access), subject: subject,
            client: .value(ClientInstanceValue(key: try client.clientKey(), display: display)),
            interact: InteractRequest(start: [StartMode.userCode, StartMode.userCodeURI]))
    }

    /// Runs the flow. Throws ``GNAPClientError`` for failures other than denial and expiry.
    public func run(
        _ request: GrantRequest, endpoint: String, onEvent: @Sendable (Event) async -> Void
    ) async throws -> Outcome {
        let response = try await client.request(request, endpoint: endpoint)
        if let error = response.error { throw GNAPClientError.server(status: 400, error: error) }
        if response.accessToken != nil { return .granted(response) }
        guard let continuation = response.continue else {
            throw GNAPClientError.malformedResponse("the grant response has neither tokens nor 'continue'")
        }
        guard let code = response.interact?.userCode ?? response.interact?.userCodeURI?.code else {
            throw GNAPClientError.malformedResponse("the AS offered no user code")
        }
        let lifetime = Duration.seconds(response.interact?.expiresIn ?? 600)
        let expiresAt = clock.now.advanced(by: lifetime)
        await onEvent(.userCode(code: code, uri: response.interact?.userCodeURI?.uri, expiresAt: expiresAt))
        // Grace after expiry: the AS itself says "expired" on the next poll; stop waiting a little later regardless.
        var poller = ContinuationPoller(
            clock: clock, continue: continuation,
            deadline: expiresAt.advanced(by: .seconds((continuation.wait ?? 5) * 2 + 5)),
            jitter: { $0 * Double.random(in: 0.8...1.2) })
        var action = poller.firstAction
        while true {
            switch action {
            case .pollAt(let instant):
                do {
                    try await clock.sleep(until: instant, tolerance: nil)
                } catch {
                    // Interrupted while waiting (Ctrl-C): withdraw the request so its code stops working (§5.4).
                    await withdraw(poller.current)
                    throw error
                }
                do {
                    action = poller.event(.response(try await client.poll(poller.current)))
                } catch {
                    action = poller.event(.failure(error))
                    if case .pollAt(let next) = action {
                        await onEvent(.retrying(reason: error.description, nextPollAt: next))
                        continue
                    }
                }
                if case .pollAt(let next) = action { await onEvent(.waiting(nextPollAt: next)) }
            case .granted(let response): return .granted(response)
            case .denied(let error): return .denied(error)
            case .expired: return .expired
            case .failed(let error): throw error
            }
        }
    }
}
