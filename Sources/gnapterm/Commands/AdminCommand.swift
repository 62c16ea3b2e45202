import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import GNAPServer
import GNAPStorage
import TerminalApps
import TerminalSession
import TerminalStorage

struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin", abstract: "Watch pending requests live, and manage accounts and enrollment codes.",
        discussion: """
            With no subcommand (or 'watch'), opens the live admin view of a running AS. With --as URL, talks to a \
            running AS through its signed admin API, using the approver device key this terminal enrolled there \
            (gnapterm approve --as URL --enroll CODE); the account must be an admin. With --data-dir DIR, \
            'users' and 'invite' change the database of a stopped AS directly.
            """,
        subcommands: [AdminWatchCommand.self, AdminUsersCommand.self, AdminInviteCommand.self],
        defaultSubcommand: AdminWatchCommand.self)
}

/// Where `gnapterm admin` acts: a running AS or a stopped AS's data directory.
struct AdminTarget: ParsableArguments {
    @Option(name: .customLong("as"), help: "A running AS, e.g. http://127.0.0.1:8080 (signed admin API).")
    var server: String?

    @Option(help: "The data directory of a stopped AS (changes its database directly).")
    var dataDir: String?

    @OptionGroup var home: HomeOptions

    func validate() throws {
        guard (server == nil) != (dataDir == nil) else {
            throw ValidationError("give exactly one of --as and --data-dir")
        }
    }

    func administrator() async throws -> any AccountAdministrator {
        if let dataDir {
            let directory = URL(fileURLWithPath: dataDir)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ASDatabase.fileName).path)
            else { throw ValidationError("no AS database in '\(dataDir)'") }
            return LocalAccountAdministrator(store: try ASDatabase.open(directory: directory), clock: WallClock())
        }
        let store = try LocalDatabase.open(directory: home.directory)
        return try await AdminSession.connect(
            server: server ?? "", store: store, transport: AsyncHTTPTransport(), clock: WallClock(),
            passphrase: PassphrasePrompt.unlocking)
    }
}

/// Runs one admin operation, printing its result or the reason it failed.
func runAdmin(_ target: AdminTarget, _ body: (any AccountAdministrator) async throws -> String) async throws {
    do {
        StandardStreams.out(try await body(try await target.administrator()))
    } catch let error as ValidationError {
        throw error
    } catch {
        StandardStreams.err("gnapterm admin: \(error)\n")
        throw ExitCode(1)
    }
}

struct AdminUsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "List, add, disable or enable accounts.",
        subcommands: [List.self, Add.self, Disable.self, Enable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) { AdminOutput.accounts(try await $0.listAccounts()) }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @Argument(help: "The username: lower-case letters, digits, '.', '_' or '-'.") var username: String
        @Option(help: "The name shown to people (default: the username).") var displayName: String?
        @Option(help: "user or admin.") var role: String = "user"
        @Option(help: "An e-mail address (released as the 'email' subject identifier when approved).")
        var email: String?
        @OptionGroup var target: AdminTarget

        func validate() throws {
            guard Account.Role(rawValue: role) != nil else { throw ValidationError("--role must be user or admin") }
        }

        func run() async throws {
            let request = NewAccountRequest(
                username: username, displayName: displayName, role: Account.Role(rawValue: role), email: email)
            try await runAdmin(target) { AdminOutput.account(try await $0.addAccount(request), verb: "Added") }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its devices are refused.")
        @Argument var username: String
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) {
                AdminOutput.account(try await $0.setDisabled(username: username, true), verb: "Disabled")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Argument var username: String
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) {
                AdminOutput.account(try await $0.setDisabled(username: username, false), verb: "Enabled")
            }
        }
    }
}

struct AdminInviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Print a one-time, expiring enrollment code for a new device of USER.")
    @Argument var username: String
    @OptionGroup var target: AdminTarget

    func run() async throws {
        try await runAdmin(target) { AdminOutput.invitation(try await $0.invite(username: username)) }
    }
}
