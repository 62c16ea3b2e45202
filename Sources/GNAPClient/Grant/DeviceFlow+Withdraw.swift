import GNAP

extension DeviceFlow {
    /// How long an interrupted device waits for the AS to confirm the cancellation before giving up.
    static var withdrawalPatience: Duration { .seconds(3) }

    /// Cancels the grant (RFC 9635 §5.4) on a best-effort basis: the user code stops working at once instead of
    /// when it expires. Runs in a task of its own, because the caller's task is already cancelled and a request
    /// made from it would be cancelled too; gives up after ``withdrawalPatience`` so an unreachable AS does not
    /// hold up the interruption.
    func withdraw(_ continuation: ContinueResponse) async {
        let client = self.client
        let clock = self.clock
        await Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await client.cancel(continuation: continuation) }
                group.addTask {
                    try? await clock.sleep(until: clock.now.advanced(by: Self.withdrawalPatience), tolerance: nil)
                }
                await group.next()
                group.cancelAll()
            }
        }.value
    }
}
