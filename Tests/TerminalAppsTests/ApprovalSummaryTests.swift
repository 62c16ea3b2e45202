import GNAP
import TerminalApps
import TerminalSession
import Testing

@Suite struct ApprovalSummaryTests {
    @Test func splitsRightsAndFormatsByTheRequest() {
        let request = ApprovalRequest(rights: ["0.1", "0.3"], subjectFormats: ["email"])
        let summary = ApprovalSummary(review: Fixtures.photoPrinter, request: request)
        #expect(summary.granted.map(\.id) == ["0.1", "0.3"])
        #expect(summary.withheld.map(\.id) == ["0.0", "0.2"])
        #expect(summary.releasedSubjectFormats == ["email"])
        #expect(summary.withheldSubjectFormats == ["opaque"])
        #expect(!summary.releasesNothing)
        #expect(ApprovalSummary(denying: Fixtures.photoPrinter).releasesNothing)
    }

    @Test func historyRecordsUseTheScreensRenderings() {
        let request = ApprovalRequest(rights: ["0.0"], subjectFormats: [])
        let record = DecisionRecord(
            approving: Fixtures.photoPrinter, with: request, id: "d-9", decidedAt: Fixtures.now, server: "http://as")
        #expect(record.decision == .approved)
        #expect(record.grantID == "g-4711")
        #expect(record.clientName == "Photo Printer")
        #expect(record.clientURI == "https://printer.example/setup")
        #expect(
            record.grantedRights == [
                "photo-api: read, write @ https://photos.example/albums (metadata, images) — Photos stored in your library"
            ])
        #expect(
            record.withheldRights == [
                "dolphin-metadata — Metadata of the dolphin research dataset", "profile.write",
                "printer #lobby-2 [admin] — Printers you may use",
            ])
        #expect(record.releasedSubject.isEmpty)
        #expect(record.reason == nil)
        let denial = DecisionRecord(
            denying: Fixtures.calendarSync, reason: "Too much access requested", id: "d-10", decidedAt: Fixtures.now,
            server: "http://as")
        #expect(denial.decision == .denied)
        #expect(denial.grantedRights.isEmpty)
        #expect(denial.withheldRights == ["calendar: read — Your calendar and its events"])
        #expect(denial.reason == "Too much access requested")
    }

    @Test func theEffectHandlerCallsTheBackendAndReturnsMessages() async throws {
        let backend = FakeBackend()
        let handler = ApproverEffectHandler(backend: backend, historyLimit: 1)
        let code = try UserCode(parsing: "ABCDEFGH")
        #expect(await handler.handle(.enterCode(code)) == .codeLookedUp(.success(Fixtures.photoPrinter)))
        let unknown = try UserCode(parsing: "ZZZZZZZZ")
        #expect(
            await handler.handle(.enterCode(unknown))
                == .codeLookedUp(.failure(ApproverFailure(code: "unknown_user_code", message: "unknown user code"))))
        let request = ApprovalRequest(rights: ["0.0"], subjectFormats: [])
        #expect(
            await handler.handle(.approve(Fixtures.photoPrinter, request))
                == .decided(.success(DecisionResponse(grantID: "g-4711", status: .approved))))
        #expect(
            await handler.handle(.deny(Fixtures.photoPrinter, "no"))
                == .decided(.success(DecisionResponse(grantID: "g-4711", status: .denied))))
        #expect(await handler.handle(.loadHistory) == .historyLoaded(.success([Fixtures.records[0]])))
        #expect(
            backend.calls == [
                .enterCode("ABCDEFGH"), .enterCode("ZZZZZZZZ"), .approve(grantID: "g-4711", request),
                .deny(grantID: "g-4711", reason: "no"), .history(limit: 1),
            ])
    }
}
