import TerminalUI
import Testing

@Suite struct CountdownTests {
    @Test(arguments: [
        (Duration.seconds(0), "expired"),
        (.seconds(-5), "expired"),
        (.milliseconds(300), "00:01"),  // partial seconds round up
        (.seconds(9), "00:09"),
        (.seconds(59), "00:59"),
        (.seconds(60), "01:00"),
        (.seconds(15 * 60 - 1), "14:59"),
        (.seconds(3600), "1:00:00"),
        (.seconds(3600 + 61), "1:01:01"),
    ])
    func formatting(remaining: Duration, expected: String) {
        #expect(Countdown.format(remaining) == expected)
    }

    @Test func styleWarnsBeforeExpiry() {
        #expect(Countdown(remaining: .seconds(300)).style == .normal)
        #expect(Countdown(remaining: .seconds(30)).style == .warning)
        #expect(Countdown(remaining: .zero).style == .danger)
        var canvas = Canvas(size: Size(width: 11, height: 1))
        canvas.draw(Countdown(remaining: .seconds(30)), in: canvas.bounds)
        #expect(VirtualTerminal.renderStyledText(canvas) == "   ⟦warning⟧00:30")
    }
}
