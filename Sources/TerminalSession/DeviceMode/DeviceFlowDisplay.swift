import GNAP
import GNAPClient

/// Shows a person a device flow while it runs. TerminalApps has the two there are, plain lines on stderr and the full
/// screen (`DeviceCommand.Display.plain`, `.fullScreen(_:)`, `.screen(_:)`); `--json` needs none.
public protocol DeviceFlowDisplay: Sendable {
    /// Runs `flow`, showing every event it reports and then how it ended. Returns the outcome, or nil when the person
    /// gave up (the flow is then cancelled); rethrows the flow's error once the display has closed.
    func run<C: Clock & Sendable>(
        serverURL: String, clock: C, stderr: @escaping @Sendable (String) -> Void, flow: @escaping DeviceFlowRun<C>
    ) async throws -> DeviceFlow<C>.Outcome? where C.Instant == WallInstant

    /// `text` (a file name the person gave) as this display may print it.
    func printable(_ text: String) -> String
}

/// A device flow as a display runs it: it reports each event through `report` and returns how it ended.
public typealias DeviceFlowRun<C: Clock & Sendable> =
    @Sendable (_ report: @escaping @Sendable (DeviceFlow<C>.Event) -> Void) async throws -> DeviceFlow<C>.Outcome
where C.Instant == WallInstant
