import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures

/// One client instance and the approver device that decides its grants: runs whole flows (grant request, code
/// entry, approval or denial, polling until the outcome, token rotations) while the AS is killed and restarted
/// under it, and writes what the AS acknowledged into the ledger.
struct FaultClient: Sendable {
    let base: String
    let grants: GrantClient
    let approver: InteractionClient
    let ledger: Ledger

    init(base: String, approver: InteractionClient, ledger: Ledger) {
        self.base = base
        grants = GrantClient(
            transport: AsyncHTTPTransport(timeout: .seconds(10)), key: .generateEd25519(), clock: WallClock())
        self.approver = approver
        self.ledger = ledger
    }

    /// One whole flow; throws when a client could not finish it, or when it ended otherwise than decided.
    func runFlow(approve: Bool, rotations: Int) async throws {
        let flow = DeviceFlow(client: grants, clock: WallClock())
        let request = try flow.grantRequest(
            access: [AccessTokenRequest(access: [.reference("dolphin-metadata")])],
            display: ClientDisplay(name: "fault suite client"), startModes: [StartMode.userCode])
        // A grant request lost in transit leaves at most an orphan pending grant: the client asks again.
        var created: GrantResponse?
        while created == nil {
            if case .answered(let response) = try await retrying(
                "grant request", ledger: ledger,
                {
                    () async throws(GNAPClientError) in try await grants.request(request, endpoint: base + "/gnap")
                })
            {
                created = response
            }
        }
        guard let continuation = created?.continue, let code = created?.interact?.userCode,
            let grantID = continuation.uri.split(separator: "/").last.map(String.init)
        else { throw FaultError("grant response without continue or user code") }
        ledger.record { _ = $0.grants.insert(grantID) }

        try await decide(grantID: grantID, code: try UserCode(parsing: code), approve: approve)
        let outcome = try await poll(continuation)
        switch outcome {
        case .granted(let token):
            guard approve else { throw FaultError("grant \(grantID) was denied by its approver but granted") }
            ledger.record {
                $0.granted += 1
                $0.tokens[token.value] = grantID
                $0.currentTokens[grantID] = token.value
            }
            try await rotate(token, grantID: grantID, times: rotations)
        case .denied:
            guard !approve else { throw FaultError("grant \(grantID) was approved by its approver but denied") }
            ledger.record { $0.denied += 1 }
        }
    }

    private func decide(grantID: String, code: UserCode, approve: Bool) async throws {
        // Entering the code again after a lost answer finds it bound to this device: the review is there anyway.
        _ = try await retrying("code entry", ledger: ledger) { () async throws(GNAPClientError) in
            try await approver.enterCode(code)
        }
        if approve {
            let sent = try await retrying("approval", ledger: ledger) { () async throws(GNAPClientError) in
                try await approver.approve(grantID: grantID, ApprovalRequest(rights: ["0.0"], subjectFormats: []))
            }
            if case .answered = sent { ledger.record { _ = $0.approvals.insert(grantID) } }
        } else {
            let sent = try await retrying("denial", ledger: ledger) { () async throws(GNAPClientError) in
                try await approver.deny(grantID: grantID, reason: "denied by the fault suite")
            }
            if case .answered = sent { ledger.record { _ = $0.denials.insert(grantID) } }
        }
    }

    enum Outcome {
        case granted(AccessTokenResponse)
        case denied
    }

    /// Polls (RFC 9635 §5.2) after each `wait`. A poll lost in transit is sent again with the same continuation
    /// token, which the AS must accept once even when it had committed the lost call.
    private func poll(_ first: ContinueResponse) async throws -> Outcome {
        var current = first
        let deadline = ContinuousClock.now.advanced(by: .seconds(120))
        try await Task.sleep(for: .milliseconds(1000 * (current.wait ?? 5) + 100))
        while ContinuousClock.now < deadline {
            do {
                let response = try await grants.poll(current)
                if let token = response.accessToken?.tokens.first { return .granted(token) }
                if response.error?.code == .userDenied { return .denied }
                if let error = response.error { throw FaultError("poll answered \(error.code.rawValue)") }
                guard let next = response.continue else { throw FaultError("a pending answer without continue") }
                current = next
                try await Task.sleep(for: .milliseconds(1000 * (current.wait ?? 5) + 100))
            } catch let error as GNAPClientError {
                if error.isTransient {
                    ledger.record { $0.transientFailures += 1 }
                    try await Task.sleep(for: .milliseconds(300))
                    continue
                }
                if error.gnapError?.code == .userDenied { return .denied }
                if error.gnapError?.code == .tooFast {
                    try await Task.sleep(for: .seconds(1))
                    continue
                }
                throw FaultError("the client was stranded: \(error)")
            }
        }
        throw FaultError("polling did not end within two minutes")
    }

    /// Rotates the token (RFC 9635 §6.1) `times` times. A rotation whose answer was lost leaves the client without
    /// the new value: it stops there, and its last acknowledged value is no longer expected to be active.
    private func rotate(_ token: AccessTokenResponse, grantID: String, times: Int) async throws {
        guard var manage = token.manage else { throw FaultError("an access token without manage") }
        for _ in 0..<times {
            switch try await retrying(
                "token rotation", ledger: ledger,
                {
                    () async throws(GNAPClientError) in try await grants.rotateToken(manage)
                })
            {
            case .answered(let rotated):
                guard let next = rotated.manage else { throw FaultError("a rotated token without manage") }
                manage = next
                ledger.record {
                    $0.rotations += 1
                    $0.tokens[rotated.value] = grantID
                    $0.currentTokens[grantID] = rotated.value
                }
            case .committedUnanswered:
                ledger.record { $0.currentTokens[grantID] = nil }
                return
            }
        }
    }
}
