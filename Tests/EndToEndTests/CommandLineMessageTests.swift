import ChildProcessTestSupport
import Foundation
import Testing

extension EndToEnd {
    /// What the command line says to a person who typed something wrong, or hit a problem of the machine: one
    /// sentence that says what to do, with the exact text asserted.
    @Suite("command line messages", .timeLimit(.minutes(3)))
    struct CommandLineMessageTests {
        func run(_ arguments: [String], stdin: String = "") throws -> (status: Int32, out: String, err: String) {
            let output = try PipedCommand.run(arguments, stdin: Array(stdin.utf8))
            return (output.status, output.stdoutText, output.stderr)
        }

        @Test func aMistypedCommandGetsDidYouMeanNotTheDemosUsage() throws {
            let serv = try run(["serv"])
            #expect(serv.status == 64)
            #expect(serv.err == "gnapterm: unknown command 'serv'; did you mean 'serve'? (see 'gnapterm --help')\n")
            let users = try run(["admin", "user", "list"])
            #expect(
                users.err
                    == "gnapterm admin: unknown command 'user'; did you mean 'users'? (see 'gnapterm admin --help')\n")
        }

        @Test func versionAndHelpTexts() throws {
            let version = try run(["--version"])
            #expect(version.status == 0 && version.out == "0.1.0\n")
            // ArgumentParser wraps help at the terminal's width: compare with the line breaks made spaces.
            func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            let token = try run(["device", "token", "--help"]).out
            #expect(words(token).contains("rotate: get new token values from the AS and store them."))
            #expect(!token.contains("\\"))
            let serve = words(try run(["serve", "--help"]).out)
            #expect(serve.contains("(format and example: README, \"Pre-registered clients\")"))
            #expect(serve.contains("(format and example: README, \"Access catalog\")"))
        }

        @Test func anUnusableDataDirectoryIsOneSentence() throws {
            let directory = try Binary.temporaryDirectory("data-dir")
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("a-file")
            try Data("x".utf8).write(to: file)
            let serve = try run(["serve", "--listen", "127.0.0.1:0", "--data-dir", file.path + "/as"])
            #expect(serve.status == 1)
            #expect(
                serve.err
                    == "gnapterm serve: cannot create the directory \(file.path): a part of the path is a file, not a "
                    + "directory; choose another directory\n")
            let notADatabase = directory.appendingPathComponent("home")
            try FileManager.default.createDirectory(at: notADatabase, withIntermediateDirectories: true)
            try Data(repeating: 0x41, count: 4096).write(to: notADatabase.appendingPathComponent("gnapterm.sqlite"))
            let history = try run(["history", "--home", notADatabase.path])
            #expect(
                history.err
                    == "gnapterm history: cannot open the database file \(notADatabase.path)/gnapterm.sqlite: it is not "
                    + "a SQLite database; move it away or choose another directory\n")
        }

        @Test func enrollingNeedsTheASAddress() throws {
            let home = try Binary.temporaryDirectory("enroll").path
            let enroll = try run(["approve", "--enroll", "ABCD-EFGH-JKMN", "--home", home, "--plain"])
            #expect(enroll.status == 1)
            #expect(
                enroll.err
                    == "gnapterm approve: --enroll needs the address of the AS to enroll at: give --as URL (or set "
                    + "GNAPTERM_AS)\n")
        }

        @Test func historyRefusesAZeroLimit() throws {
            let limit = try run(["history", "--limit", "0", "--home", try Binary.temporaryDirectory("limit").path])
            #expect(limit.status == 64)
            #expect(limit.err.hasPrefix("Error: --limit must be 1 or more (it is 0)\n"))
        }

        @Test func accessErrorsGiveThePositionAndAllowStrings() throws {
            let home = try Binary.temporaryDirectory("access").path
            let base = ["device", "--as", "http://127.0.0.1:1", "--home", home, "--access"]
            let syntax = try run(base + [#"[{"type":"a"} {"type":"b"}]"#])
            #expect(
                syntax.err
                    == "gnapterm device: invalid --access: the access array is not valid JSON (at line 1, column 15)\n")
            let number = try run(base + [#"["dolphin-metadata", 3]"#])
            #expect(
                number.err
                    == "gnapterm device: invalid --access: '[1]' has the wrong type (expected a reference string or an "
                    + "object with a 'type')\n")
        }

        @Test func httpsAgainstAPlainASSaysToUseHTTP() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let port = try #require(server.url.split(separator: ":").last)
            let home = try Binary.temporaryDirectory("tls").path
            let tls = try run(["approve", "--as", "https://127.0.0.1:\(port)", "--home", home, "--plain"])
            #expect(tls.status == 1)
            #expect(
                tls.err
                    == "gnapterm approve: cannot reach the authorization server: the TLS handshake with "
                    + "https://127.0.0.1:\(port)/.well-known/gnap-as-rs failed; if the AS speaks plain HTTP, use "
                    + "http://127.0.0.1:\(port)\n")
            #expect(!tls.err.contains("/work") && !tls.err.contains(".cc"))
        }

        @Test func aShortPassphraseIsRefused() async throws {
            let server = try await ASProcess.start()
            defer { server.stop() }
            let home = try Binary.temporaryDirectory("short-passphrase").path
            _ = try run(["approve", "--as", server.url, "--enroll", server.bootstrapCode, "--home", home, "--plain"])
            // The one enrolled AS is remembered: no --as.
            let seal = try run(["keys", "seal", "--home", home], stdin: "abc\n")
            #expect(seal.status == 1)
            #expect(seal.err == "gnapterm keys seal: a passphrase needs at least 8 characters; nothing changed\n")
            #expect(try run(["keys", "seal", "--home", home], stdin: "long enough\n").status == 0)
            let keys = try run(["keys", "--json", "--home", home])
            let listed = try JSONSerialization.jsonObject(with: Data(keys.out.utf8)) as? [[String: Any]]
            #expect(listed?.first?["server"] as? String == server.url && listed?.first?["sealed"] as? Bool == true)
        }

        /// The manual page (generated by ArgumentParser's plugin and committed) names every command and option the
        /// binary has, so it cannot silently fall behind.
        @Test func theManualPageNamesEveryCommandAndOption() throws {
            let page = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent().appendingPathComponent("Assets/gnapterm.1"), encoding: .utf8)
            let dump = try run(["--experimental-dump-help"]).out
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
            let root = try #require(parsed["command"] as? [String: Any])
            var missing: [String] = []
            func visit(_ command: [String: Any], top: Bool) {
                if !top, let name = command["commandName"] as? String, !page.contains(".It Em \(name)") {
                    missing.append(name)
                }
                for argument in command["arguments"] as? [[String: Any]] ?? [] {
                    for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                        let long = name["name"] as? String ?? ""
                        // `Fl -name`, or `Fl X , -name` for an option with a short name too.
                        let listed = [" ", "\n"].contains { end in
                            page.contains("Fl -\(long)\(end)") || page.contains(" , -\(long)\(end)")
                        }
                        if !long.hasPrefix("experimental"), !listed {
                            missing.append("--\(long)")
                        }
                    }
                }
                for subcommand in command["subcommands"] as? [[String: Any]] ?? [] { visit(subcommand, top: false) }
            }
            visit(root, top: true)
            #expect(
                missing.isEmpty, "regenerate Assets/gnapterm.1 (scripts/install-shell-support says how): \(missing)")
        }

        @Test func theInstallScriptPutsCompletionsAndTheManualPageInPlace() throws {
            let prefix = try Binary.temporaryDirectory("prefix")
            defer { try? FileManager.default.removeItem(at: prefix) }
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let script = try ChildProcess.run([
                root.appendingPathComponent("scripts/install-shell-support").path, "--prefix", prefix.path,
                "--gnapterm", Binary.path,
            ])
            #expect(script.status == 0, "\(script.stderr)")
            for file in [
                "share/bash-completion/completions/gnapterm", "share/zsh/site-functions/_gnapterm",
                "share/fish/vendor_completions.d/gnapterm.fish", "share/man/man1/gnapterm.1",
            ] {
                let path = prefix.appendingPathComponent(file).path
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                #expect(size > 0, "\(file)")
            }
            let bash = try ChildProcess.run([
                "bash", "-n", prefix.appendingPathComponent("share/bash-completion/completions/gnapterm").path,
            ])
            #expect(bash.status == 0, "\(bash.stderr)")
            let completion = try String(
                contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/gnapterm"), encoding: .utf8
            )
            #expect(completion.contains("set-role"))
        }
    }
}
