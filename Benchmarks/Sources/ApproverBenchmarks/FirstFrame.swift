import Foundation
import GNAP
import TerminalApps
import TerminalUI

/// Cold start to first frame: the parent spawns this executable with `--first-frame-child` and times the spawn until
/// the child writes one byte, which it does right after the approver's first frame is presented (a driver that
/// renders the frame as text, like the virtual terminal). Process start, runtime and library loading, app setup and
/// the first view are all inside the measurement; the AS round trip of `gnapterm approve` (discovery) is not.
enum FirstFrame {
    /// The child: run the approver until the first frame, signal, exit.
    static func child() async throws {
        let driver = SignallingDriver(size: Size(width: 120, height: 40))
        let app = ApproverApp(identity: BenchmarkBackend().identityDescription)
        let handler = ApproverEffectHandler(backend: BenchmarkBackend())
        let runner = ProgramRunner(
            program: app, driver: driver, clock: ContinuousClock(), configuration: ApproverApp.runnerConfiguration,
            effectHandler: handler.handle)
        _ = try await runner.run(ApproverState(now: WallClock().now, size: driver.size))
    }

    /// The parent: `runs` cold starts of the child; the durations in milliseconds.
    static func measure(runs: Int) throws -> [Double] {
        var results: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["--first-frame-child"]
            let pipe = Pipe()
            process.standardOutput = pipe
            let start = ContinuousClock.now
            try process.run()
            let byte = pipe.fileHandleForReading.readData(ofLength: 1)
            let elapsed = ContinuousClock.now - start
            process.waitUntilExit()
            guard byte.count == 1 else { throw BenchmarkError("the child exited without a frame") }
            results.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        return results
    }
}

/// Renders each frame to text and, after the first, writes one byte to standard output and exits.
final class SignallingDriver: TerminalDriver, @unchecked Sendable {
    let fixedSize: Size

    init(size: Size) { fixedSize = size }

    var size: Size { fixedSize }

    func present(_ canvas: Canvas) async {
        let text = VirtualTerminal.renderStyledText(canvas)
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data("F".utf8))
        exit(0)
    }

    func nextKey(timeout: Duration) async throws -> Key? {
        try await Task.sleep(for: timeout)
        return nil
    }

    func restore() async {}
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
