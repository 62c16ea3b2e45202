import Foundation
import Glibc
import Testing

extension EndToEnd {
    /// How `gnapterm serve` starts: a busy port or a data directory in use stops it with one sentence and nothing
    /// written; the bootstrap code file lives only while its code can be used; wrapped secrets need their key.
    @Suite("serve start-up", .timeLimit(.minutes(3)))
    struct ServeStartupTests {
        /// A listening socket on 127.0.0.1 that holds a port busy; returns it and its port.
        static func occupiedPort() throws -> (socket: Int32, port: Int) {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(listener, $0, length) == 0 && listen(listener, 8) == 0
                        && getsockname(listener, $0, &length) == 0
                }
            }
            guard bound else { throw E2EError("could not occupy a port") }
            return (listener, Int(UInt16(bigEndian: address.sin_port)))
        }

        @Test func aBusyPortIsOneSentenceAndCreatesNoAccountOrCode() async throws {
            let (listener, port) = try Self.occupiedPort()
            defer { close(listener) }
            let directory = try Binary.temporaryDirectory("busy")
            defer { try? FileManager.default.removeItem(at: directory) }
            let serve = try PipedCommand.run(
                ["serve", "--listen", "127.0.0.1:\(port)", "--data-dir", directory.path], stdin: [])
            #expect(serve.status != 0)
            #expect(
                serve.stderr.contains(
                    "Error: 127.0.0.1:\(port) is in use: another process listens there; stop it, or give this AS "
                        + "another address with --listen"),
                "\(serve.stderr)")
            #expect(!serve.stderr.contains("errno"))
            #expect(!serve.stdoutText.contains("First start"))
            #expect(!FileManager.default.fileExists(atPath: ASProcess.codeFile(directory).path))
            // No account was created: the offline admin command finds none.
            let users = try PipedCommand.run(["admin", "users", "list", "--data-dir", directory.path], stdin: [])
            #expect(!users.stdoutText.contains("admin"), "\(users.stdoutText)")
        }

        @Test func aSecondServeOnTheSameDataDirectoryIsRefused() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let second = try PipedCommand.run(
                ["serve", "--listen", "127.0.0.1:0", "--data-dir", server.dataDirectory.path], stdin: [])
            #expect(second.status != 0)
            let pid = server.process.process.processIdentifier
            #expect(
                second.stderr.contains(
                    "gnapterm serve: another gnapterm serve (process \(pid)) is using the data directory "
                        + "\(server.dataDirectory.path); stop it first, or give this one another --data-dir"),
                "\(second.stderr)")
            // The first AS is unharmed.
            #expect(server.process.process.isRunning)
        }

        /// The code file goes once the code is used; later starts never print the code again.
        @Test func theBootstrapCodeFileIsRemovedOnceUsedAndTheCodeNeverPrintedAgain() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("bootstrap-home")
            defer { try? FileManager.default.removeItem(at: home) }
            let file = ASProcess.codeFile(server.dataDirectory)
            #expect(FileManager.default.fileExists(atPath: file.path))
            _ = try PipedCommand.run(
                ["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home.path, "--plain"],
                stdin: [])
            #expect(!FileManager.default.fileExists(atPath: file.path))
            try await server.kill()
            let again = try await server.restart()
            defer { again.process.stop() }
            #expect(!again.process.stdout.contains(server.bootstrapCode))
            #expect(!again.process.stdout.contains("First start") && !again.process.stdout.contains("not enrolled"))
        }

        /// While the code is unused and valid, a restart points to the file (without printing the code).
        @Test func aRestartWithAnUnusedCodePointsToItsFile() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            try await server.kill()
            let again = try await server.restart()
            defer { again.process.stop() }
            let file = ASProcess.codeFile(server.dataDirectory).path
            #expect(
                again.process.stdout.contains(
                    "The first admin terminal is not enrolled yet: its one-time code is in \(file)"))
            #expect(!again.process.stdout.contains(server.bootstrapCode))
            #expect(FileManager.default.fileExists(atPath: file))
        }

        @Test func wrappedSecretsNeedTheirKeyToStart() async throws {
            let keys = try Binary.temporaryDirectory("keys")
            defer { try? FileManager.default.removeItem(at: keys) }
            func keyFile(_ name: String, mode: Int) -> String {
                let path = keys.appendingPathComponent(name).path
                let bytes = (0..<32).map { _ in UInt8.random(in: 0...255) }
                _ = FileManager.default.createFile(
                    atPath: path, contents: Data((Data(bytes).base64EncodedString() + "\n").utf8),
                    attributes: [.posixPermissions: mode])
                return path
            }
            let right = keyFile("right.key", mode: 0o600)
            let server = try await ASProcess.start(extraArguments: ["--secrets-key-file", right])
            defer { server.stop() }
            #expect(server.process.stderr.contains("stored in clear") == false)
            try await server.kill()
            let directory = server.dataDirectory.path
            let withoutKey = try PipedCommand.run(
                ["serve", "--listen", "127.0.0.1:0", "--data-dir", directory], stdin: [])
            #expect(withoutKey.status != 0)
            #expect(
                withoutKey.stderr.contains(
                    "Error: the AS's secrets are wrapped by a secrets key: start it with --secrets-key-file FILE or "
                        + "with GNAPTERM_SECRETS_KEY set"), "\(withoutKey.stderr)")
            let wrong = try PipedCommand.run(
                [
                    "serve", "--listen", "127.0.0.1:0", "--data-dir", directory, "--secrets-key-file",
                    keyFile("wrong.key", mode: 0o600),
                ], stdin: [])
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("Error: the secrets key does not open the AS's secret"), "\(wrong.stderr)")
            let open = try PipedCommand.run(
                [
                    "serve", "--listen", "127.0.0.1:0", "--data-dir", directory, "--secrets-key-file",
                    keyFile("open.key", mode: 0o644),
                ], stdin: [])
            #expect(open.status != 0 && open.stderr.contains("make it readable by its owner only (chmod 600)"))
            // The right key starts it again.
            let again = try await server.restart()
            again.process.stop()
        }

        @Test func withoutAKeyTheLogSaysSecretsAreInClear() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.process.stderr.contains("stored in clear"), "\(server.process.stderr)")
        }

        /// Decision 72: the AS's tasks run on NIO's event loops. Every other end-to-end test then serves its requests
        /// that way; this one checks that the hook was installed, which NIO reports and the log says.
        @Test func swiftConcurrencyRunsOnTheEventLoops() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let line = "Swift concurrency runs on NIO's event loops"
            let deadline = ContinuousClock.now + .seconds(5)
            while !server.process.stderr.contains(line), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(server.process.stderr.contains(line), "\(server.process.stderr)")
        }
    }
}
