/// Holds the first caller of ``arrive()`` until a second one arrives, so that two concurrent requests are both past
/// their checks before either goes on. Armed for one meeting at a time; a caller that waits alone is let go after
/// `patience`, so a test that expected a meeting fails on the count instead of hanging.
public actor RendezvousGate {
    private var armed = false
    private var waiting: CheckedContinuation<Void, Never>?
    private var round = 0
    /// How many times two callers met since the gate was made.
    public private(set) var meetings = 0
    private let patience: Duration

    public init(patience: Duration = .seconds(10)) { self.patience = patience }

    /// Makes the next two callers of ``arrive()`` wait for each other.
    public func arm() { armed = true }

    /// Returns at once unless the gate is armed; then waits for the second caller, or lets the second one through
    /// and releases the first.
    public func arrive() async {
        guard armed else { return }
        if let first = waiting {
            waiting = nil
            armed = false
            meetings += 1
            first.resume()
            return
        }
        round += 1
        let myRound = round
        let patience = self.patience
        let timeout = Task {
            try? await Task.sleep(for: patience)
            self.giveUp(round: myRound)
        }
        await withCheckedContinuation { waiting = $0 }
        timeout.cancel()
    }

    private func giveUp(round: Int) {
        guard round == self.round, let first = waiting else { return }
        waiting = nil
        armed = false
        first.resume()
    }
}
