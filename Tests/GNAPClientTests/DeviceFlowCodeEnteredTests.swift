import GNAP
import GNAPClient
import Testing

extension DeviceFlowTests {
    /// The device learns from a pending response that the code was entered (gnapterm extension), once.
    @Test func codeEnteredIsReportedOnceBeforeTheDecision() async throws {
        let server = try await LiveServer.start()
        defer { Task { await server.stop() } }
        let approver = try await server.enrolledApprover()
        let (device, events, code) = try await startDevice(server)
        await server.waitForSleepers()
        server.clock.advance(by: .seconds(5))  // one poll before anyone entered the code
        await server.waitForSleepers()
        #expect(!events.events.withLock { $0.contains(.codeEntered) })
        let review = try await approver.enterCode(try UserCode(parsing: code))
        for _ in 0..<2 {
            server.clock.advance(by: .seconds(5))
            await server.waitForSleepers()
        }
        #expect(events.events.withLock { list in list.filter { $0 == .codeEntered }.count } == 1)
        _ = try await approver.deny(grantID: review.grantID, reason: "not mine")
        server.clock.advance(by: .seconds(5))
        guard case .denied = try await device.value else {
            Issue.record("the device must be told it was denied")
            return
        }
    }
}
