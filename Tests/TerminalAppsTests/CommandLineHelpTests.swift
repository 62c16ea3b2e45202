import Foundation
import GNAP
import HTTPMessageSignatures
import TerminalApps
import TerminalSession
import TerminalStorage
import Testing

/// The helpers behind the command line's messages: "did you mean", the remembered server, the passphrase rules and
/// the one-line error sentences.
@Suite("Command line helpers")
struct CommandLineHelpTests {
    static let tree = CommandSuggestion.Tree(
        name: "gnapterm",
        subcommands: [
            .init(name: "demo"), .init(name: "serve"), .init(name: "device", subcommands: [.init(name: "token")]),
            .init(name: "approve"),
            .init(
                name: "admin",
                subcommands: [
                    .init(name: "watch"), .init(name: "users", subcommands: [.init(name: "list"), .init(name: "add")]),
                    .init(name: "invite"),
                ]),
        ])

    @Test func aMistypedCommandGetsDidYouMean() {
        #expect(
            CommandSuggestion.message(for: ["serv"], in: Self.tree)
                == "gnapterm: unknown command 'serv'; did you mean 'serve'? (see 'gnapterm --help')")
        #expect(
            CommandSuggestion.message(for: ["admin", "user", "list"], in: Self.tree)
                == "gnapterm admin: unknown command 'user'; did you mean 'users'? (see 'gnapterm admin --help')")
        #expect(
            CommandSuggestion.message(for: ["frobnicate"], in: Self.tree)
                == "gnapterm: unknown command 'frobnicate'; the commands are demo, serve, device, approve, admin "
                + "(see 'gnapterm --help')")
        // Known commands, options, help, and words deeper down that are arguments go to ArgumentParser.
        for arguments in [
            [], ["serve", "--listen", "x"], ["--theme", "dark"], ["help", "serve"], ["device", "token", "show"],
            ["admin", "users", "list"], ["device", "--as", "http://x"], ["admin", "invitee-name"],
        ] {
            #expect(CommandSuggestion.message(for: arguments, in: Self.tree) == nil, "\(arguments)")
        }
    }

    static func identity(_ server: String) throws -> ApproverIdentity {
        ApproverIdentity(
            server: server, deviceID: "dev", privateKey: try SigningKey.generateEd25519().privateJWK(),
            username: "alice", displayName: "Alice", enrolledAt: WallInstant(unixSeconds: 0))
    }

    @Test func theServerIsRememberedWhenThereIsOnlyOne() async throws {
        let store = try LocalDatabase.inMemory()
        await #expect {
            try await ServerChoice.resolve(nil, environment: [:], store: store)
        } throws: { error in
            "\(error)"
                == "no --as given, and this terminal is not enrolled at any authorization server; give --as URL (or "
                + "set GNAPTERM_AS), or enroll first: gnapterm approve --as URL --enroll CODE"
        }
        try await store.saveApproverIdentity(try Self.identity("http://127.0.0.1:8080"))
        #expect(try await ServerChoice.resolve(nil, environment: [:], store: store) == "http://127.0.0.1:8080")
        #expect(
            try await ServerChoice.resolve(nil, environment: ["GNAPTERM_AS": "as.example:9"], store: store)
                == "http://as.example:9")
        #expect(
            try await ServerChoice.resolve("https://x.example/", environment: ["GNAPTERM_AS": "y"], store: store)
                == "https://x.example")
        try await store.saveApproverIdentity(try Self.identity("https://as.example"))
        await #expect {
            try await ServerChoice.resolve(nil, environment: ["GNAPTERM_AS": " "], store: store)
        } throws: { error in
            "\(error)"
                == "no --as given, and this terminal is enrolled at 2 authorization servers (http://127.0.0.1:8080, "
                + "https://as.example); choose one with --as URL or GNAPTERM_AS"
        }
    }

    @Test func aNewPassphraseIsLongEnoughAndTypedTheSameTwice() throws {
        var prompts: [String] = []
        var answers = ["short", "long enough", "long enuogh", "long enough", "long enough"]
        let chosen = try PassphrasePrompt.choosing(
            read: { prompt in
                prompts.append(prompt)
                return answers.removeFirst()
            }, isTyped: true)
        #expect(chosen == "long enough")
        #expect(
            prompts == [
                "New passphrase: ",
                "That passphrase is too short: use at least 8 characters. New passphrase: ",
                "Repeat the passphrase: ",
                "The two passphrases differ; type it again. New passphrase: ",
                "Repeat the passphrase: ",
            ])
        // A script gets one line, no repeat, and no second chance.
        #expect(throws: SessionError.self) {
            try PassphrasePrompt.choosing(read: { _ in "abc" }, isTyped: false)
        }
        #expect(try PassphrasePrompt.choosing(read: { _ in "from a script" }, isTyped: false) == "from a script")
        #expect {
            try PassphrasePrompt.choosing(read: { $0.hasPrefix("Repeat") ? "other one" : "first one" }, isTyped: true)
        } throws: { error in
            "\(error)" == "the passphrases differ; nothing changed"
        }
    }

    @Test func fileErrorsAreOneSentenceWithThePath() {
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/as-data"])
        #expect(
            ErrorSentence.describe(denied)
                == "cannot use /srv/as-data: permission denied; choose a file or directory you can write to")
        #expect(!ErrorSentence.describe(denied).contains("NSCocoaErrorDomain"))
        struct Dump: Error, CustomStringConvertible {
            var description: String { "bind(descriptor:ptr:bytes:): Address already in use (errno: 98)" }
        }
        #expect(ErrorSentence.describe(Dump()) == "the address is in use (another server listens there)")
        struct Multiline: Error, CustomStringConvertible {
            var description: String { "first line\n/build/path/file.cc:12: second" }
        }
        #expect(ErrorSentence.describe(Multiline()) == "first line")
    }
}
