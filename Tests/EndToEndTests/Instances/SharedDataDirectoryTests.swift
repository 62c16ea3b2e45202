import Foundation
import Testing

extension EndToEnd {
    /// The data-directory lock keeps a second `serve` off one SQLite database and nothing else: instances on one
    /// PostgreSQL database may share a directory (it only receives the bootstrap code file), and `gnapterm admin
    /// --data-dir` reads a directory whose `serve` holds the lock.
    @Suite("shared data directory", .timeLimit(.minutes(3)))
    struct SharedDataDirectoryTests {
        @Test func instancesOnOneDatabaseShareADataDirectory() async throws {
            let database = try SharedCluster.freshDatabase()
            let data = try Binary.temporaryDirectory("shared-data")
            let arguments = ["--listen", "127.0.0.1:0", "--database", database, "--data-dir", data.path]
            let first = try await ServeProcess.start(arguments)
            defer { first.process.stop() }
            let second = try await ServeProcess.start(arguments)
            defer { second.process.stop() }
            #expect(first.process.stdout.contains("First start: created the account 'admin'."))
            #expect(!second.output.contains("another gnapterm serve"), "\(second.output)")
            #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("serve.lock").path))
            // The one code, in the one file, is good on either instance.
            let code = try String(
                contentsOf: data.appendingPathComponent("bootstrap-enrollment-code"), encoding: .utf8
            ).trimmed
            #expect(code == first.bootstrapCode)
            let home = try Binary.temporaryDirectory("shared-data-approver")
            let enrolled = try plainApprove(server: second.url, home: home, enroll: code, input: "")
            #expect(enrolled.output.contains("Enrolled"), "\(enrolled.output)")
        }

        @Test func adminReadsTheDataDirectoryOfARunningAS() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let listed = try PipedCommand.run(
                ["admin", "users", "list", "--data-dir", server.dataDirectory.path], stdin: [])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdoutText.split(separator: "\n").contains { $0.hasPrefix("admin ") })
            // While the same directory stays locked against a second serve.
            let again = try PipedCommand.run(
                ["serve", "--listen", "127.0.0.1:0", "--data-dir", server.dataDirectory.path], stdin: [])
            #expect(again.status != 0 && again.stderr.contains("another gnapterm serve"), "\(again.stderr)")
        }
    }
}
