import Foundation
import GNAP
import GNAPClient
import HTTPMessageSignatures
import TerminalApps
import TerminalUI

/// `swift run -c release --package-path Benchmarks InboxBenchmark [--gnapterm PATH] [--pending N] [--opens N]
/// [--arrivals N]`: with N asynchronous requests (RFC 9635 §1.6.3) pending for one account at a real
/// `gnapterm serve`, how long the approver's inbox takes to open (snapshot over HTTP, the pane's model, the first
/// frame) and how long after the AS accepted a new request it is on the approver's screen (the inbox stream, the
/// update, the frame). docs/performance.md has the results.
@main
struct InboxBenchmark {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ option: String) -> String? {
            arguments.firstIndex(of: option).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        #if DEBUG
            print("build: debug (numbers are meaningless: use -c release)")
        #else
            print("build: release")
        #endif
        let binary = value("--gnapterm") ?? ".build/release/gnapterm"
        let pending = Int(value("--pending") ?? "") ?? 1000
        let opens = Int(value("--opens") ?? "") ?? 20
        let arrivals = Int(value("--arrivals") ?? "") ?? 30
        let server: ServeProcess
        do {
            // Per client and user; the requests are spread over `InboxSetup.clients` clients.
            let perClient = min(1000, (pending + arrivals) / InboxSetup.clients + 10)
            server = try await ServeProcess.start(binary: binary, maximumPending: perClient)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
        defer { server.stop() }
        do {
            let setup = try await InboxSetup.prepare(server: server)
            let started = ContinuousClock.now
            try await setup.fill(pending)
            print(
                "\(pending) asynchronous requests pending for one account (created in "
                    + "\(Report.milliseconds(ContinuousClock.now - started)) ms)")
            let opening = try await OpenInbox(setup: setup).measure(runs: opens)
            Report.print("inbox opens (snapshot over HTTP, model, first frame at 120x40)", opening.total)
            Report.print("  of which the HTTP request and decoding", opening.fetch)
            Report.print("  of which the model and the first frame", opening.render)
            Report.print("  decoding a snapshot of that size alone (approver side, no HTTP)", opening.decode)
            print("  snapshot size: \(opening.items) requests listed, \(opening.bytes) bytes of JSON")
            let arrival = try await Arrival(setup: setup).measure(count: arrivals)
            Report.print("a new arrival on screen after the AS accepted it", arrival.afterAccept)
            Report.print("  from sending the request", arrival.afterSend)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            server.stop()
            exit(1)
        }
    }
}

enum Report {
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    static func print(_ label: String, _ samples: [Duration]) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return }
        func at(_ fraction: Double) -> Duration { sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] }
        Swift.print(
            "\(label) (\(sorted.count) runs, ms): median \(milliseconds(at(0.5))), p90 \(milliseconds(at(0.9))), "
                + "min \(milliseconds(sorted[0])), max \(milliseconds(sorted[sorted.count - 1]))")
    }
}
