import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import Logging
import ReferenceResourceServer
import ServiceLifecycle
import TerminalApps
import TerminalSession
import TerminalStorage
import TerminalUI

/// The self-contained demo: an AS on loopback with a throw-away data directory, the reference notes RS registered
/// with it, a local approver enrolled with the bootstrap code, and a simulated headless device whose code the
/// approver app shows; the device ends by calling the notes RS with its token. Quitting cleans up.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the whole flow in one process: an AS, a waiting device, and the approver.")

    @Option(help: "Colour theme: \(Theme.all.map(\.name).joined(separator: ", ")). NO_COLOR is honoured.")
    var theme: String?

    func run() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gnapterm-demo-\(UUID().uuidString)")
        let theme = Theme.resolve(name: theme, environment: ProcessInfo.processInfo.environment)
        // SIGTERM, SIGHUP (the window closed) and SIGINT cancel the demo instead of ending the process at once,
        // so the keys and databases it made are deleted whichever way it ends.
        // A second signal while cleaning up ends the process at once (SignalCancellation).
        let outcome = await SignalCancellation.run { () async -> Result<Void, any Error> in
            do {
                try await Self.demo(in: workspace, theme: theme)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try? FileManager.default.removeItem(at: workspace)
        if let signal = outcome.signal { SignalCancellation.terminate(by: signal) }
        try outcome.value.get()
    }

    private static func demo(in workspace: URL, theme: Theme) async throws {
        // The AS must stay silent: its log lines would scribble over the full-screen app.
        let quiet = Logger(label: "gnapterm.demo") { _ in SwiftLogNoOpLogHandler() }
        let clock = WallClock()
        let notesStore = try NotesDatabase.open(directory: workspace.appendingPathComponent("rs"))
        let assembly = try await ServerAssembly.assemble(
            store: try ASDatabase.open(directory: workspace.appendingPathComponent("as")),
            configuration: ServerConfiguration(port: 0, bootstrapCodeLifetime: .seconds(3600)), clock: clock,
            logger: quiet, resourceServers: try await DemoNotes.registry(store: notesStore, now: clock.now))

        let (starts, started) = AsyncStream.makeStream(of: ServerAssembly.Start.self)
        let group = ServiceGroup(
            services: assembly.services { started.yield($0) }, gracefulShutdownSignals: [], logger: quiet)
        let serverTask = Task {
            defer { started.finish() }
            try await group.run()
        }
        defer { serverTask.cancel() }
        var iterator = starts.makeAsyncIterator()
        guard let start = await iterator.next() else {
            // The AS stopped before it listened: its error says why.
            try await serverTask.value
            throw ExitCode(1)
        }
        guard let bootstrap = start.bootstrap else { throw ValidationError("the demo data directory was not empty") }
        let base = start.base

        let local = try LocalDatabase.open(directory: workspace.appendingPathComponent("home"))
        let transport = AsyncHTTPTransport()
        let backend = try await ApproverSetup(transport: transport, store: local, clock: clock)
            .connect(server: base, enrollCode: bootstrap.code.display, deviceName: "demo terminal")

        let notes = try await DemoNotes.start(store: notesStore, asBase: base, clock: clock, logger: quiet)
        defer { notes.task.cancel() }

        let device = try DemoDevice(base: base, transport: transport, clock: clock)
        let code = try await device.start(notesReference: notes.ready.resourceReference)

        try await ApproverApp.run(
            backend: backend, theme: theme,
            hint: "The demo device \"Living-room TV\" is showing code \(code). Type it above and press Enter. "
                + "Leave out notes 'write' (space) to see the notes server refuse it.")

        // A decision reaches the device at its next poll; without one there is nothing to wait for.
        let decided = !(try await local.decisions(limit: 1)).isEmpty
        StandardStreams.out(
            await device.finish(waitingUpTo: decided ? .seconds(8) : .zero, notes: notes.ready.base) + "\n")
        notes.task.cancel()
        _ = try? await notes.task.value
        await group.triggerGracefulShutdown()
        _ = try? await serverTask.value
    }
}
