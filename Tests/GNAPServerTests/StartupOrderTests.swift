import Foundation
import GNAP
import GNAPServer
import GNAPStorage
import Glibc
import Logging
import ServiceLifecycle
import Testing

/// The first admin account and its enrollment code are created only once the listener is bound: an AS that cannot
/// listen (a busy port) writes neither, and says so in one sentence.
@Suite("Start-up order")
struct StartupOrderTests {
    static func occupiedPort() throws -> (socket: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        #expect(bound)
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func aBusyPortCreatesNoAccountAndNoCode() async throws {
        let (listener, port) = try Self.occupiedPort()
        defer { close(listener) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gnapterm-busy-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try ASDatabase.inMemory()
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let assembly = try await ServerAssembly.assemble(
            store: store, configuration: ServerConfiguration(port: port), clock: ManualClock(), logger: quiet,
            bootstrapCodeFile: BootstrapCodeFile(directory: directory))
        let group = ServiceGroup(
            services: assembly.services { _ in Issue.record("the AS reported running") }, gracefulShutdownSignals: [],
            logger: quiet)
        do {
            try await group.run()
            Issue.record("the AS ran on a busy port")
        } catch let error as ListenError {
            #expect(
                error.description
                    == "127.0.0.1:\(port) is in use: another process listens there; stop it, or give this AS another "
                    + "address with --listen")
        }
        let counts = try await store.rowCounts()
        #expect(counts["accounts"] == 0 && counts["enrollment_codes"] == 0 && counts["audit_events"] == 0)
        #expect(
            !FileManager.default.fileExists(atPath: directory.appendingPathComponent("bootstrap-enrollment-code").path))
    }

    @Test func onAFreePortTheAccountIsCreatedAfterTheBind() async throws {
        let store = try ASDatabase.inMemory()
        let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let assembly = try await ServerAssembly.assemble(
            store: store, configuration: ServerConfiguration(port: 0), clock: ManualClock(), logger: quiet)
        #expect(try await store.accounts().isEmpty)
        let (starts, started) = AsyncStream.makeStream(of: ServerAssembly.Start.self)
        let group = ServiceGroup(
            services: assembly.services { started.yield($0) }, gracefulShutdownSignals: [], logger: quiet)
        let running = Task { try await group.run() }
        var iterator = starts.makeAsyncIterator()
        let start = try #require(await iterator.next())
        #expect(start.bootstrap?.account.username == "admin" && start.base.hasPrefix("http://127.0.0.1:"))
        #expect(try await store.accounts().map(\.username) == ["admin"])
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }
}
