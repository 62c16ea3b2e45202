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
            With no subcommand (or 'watch'), opens the live admin view of a running AS. With --as URL (or \
            $GNAPTERM_AS, or the one AS this terminal is enrolled at), talks to a running AS through its signed \
            admin API, using the approver device key this terminal enrolled there (gnapterm approve --as URL \
            --enroll CODE); the account must be an admin. With --data-dir DIR, 'users' and 'invite' change the \
            database of a stopped AS directly.
            """,
        subcommands: [AdminWatchCommand.self, AdminUsersCommand.self, AdminInviteCommand.self],
        defaultSubcommand: AdminWatchCommand.self)
}

/// Where `gnapterm admin` acts: a running AS or a stopped AS's data directory.
struct AdminTarget: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "A running AS, e.g. http://127.0.0.1:8080 (default: $GNAPTERM_AS, else the one AS this terminal is "
                + "enrolled at)."))
    var server: String?

    @Option(help: "The data directory of a stopped AS (changes its database directly).")
    var dataDir: String?

    @Flag(help: "Print JSON (the admin API's shapes) instead of text.")
    var json = false

    @OptionGroup var home: HomeOptions

    func validate() throws {
        if server != nil, dataDir != nil { throw ValidationError("give only one of --as and --data-dir") }
    }

    /// The administrator, and the AS's address when it is a running one.
    func administrator() async throws -> (any AccountAdministrator, server: String?) {
        if let dataDir {
            let directory = URL(fileURLWithPath: dataDir)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ASDatabase.fileName).path)
            else { throw ValidationError("no AS database in '\(dataDir)'") }
            return (
                LocalAccountAdministrator(store: try ASDatabase.open(directory: directory), clock: WallClock()), nil
            )
        }
        let store = try LocalDatabase.open(directory: home.directory)
        let address = try await ServerChoice.resolve(
            server, environment: ProcessInfo.processInfo.environment, store: store)
        let admin = try await AdminSession.connect(
            server: address, store: store, transport: AsyncHTTPTransport(), clock: WallClock(),
            passphrase: PassphrasePrompt.unlocking)
        return (admin, admin.server)
    }

    /// How the command line names this target, for the commands a message suggests.
    func suffix(server address: String?) -> String {
        if let dataDir { return " --data-dir \(dataDir)" }
        return server == nil ? "" : " --as \(address ?? server ?? "")"
    }
}

/// Runs one admin operation, printing its result or the reason it failed.
func runAdmin(
    _ target: AdminTarget,
    _ body: (any AccountAdministrator, _ server: String?) async throws -> String
) async throws {
    do {
        let (administrator, server) = try await target.administrator()
        StandardStreams.out(try await body(administrator, server))
    } catch let error as ValidationError {
        throw error
    } catch let error as ExitCode {
        throw error
    } catch {
        StandardStreams.err("gnapterm admin: \(ErrorSentence.describe(error))\n")
        throw ExitCode(1)
    }
}

struct AdminUsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "List, add, disable or enable accounts, or change their role.",
        subcommands: [List.self, Add.self, SetRole.self, Disable.self, Enable.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) { admin, _ in
                let accounts = try await admin.listAccounts()
                return target.json
                    ? try AdminOutput.json(AccountList(accounts: accounts)) : AdminOutput.accounts(accounts)
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.", discussion: "To change the role of an existing account, use 'set-role'.")
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
            try await runAdmin(target) { admin, server in
                let added: AccountView
                do {
                    added = try await admin.addAccount(request)
                } catch {
                    // A taken username: say so, and how to change what the person probably wanted to change.
                    guard let existing = try? await admin.listAccounts().first(where: { $0.username == username })
                    else { throw error }
                    throw AdminOutput.Refusal(
                        AdminOutput.exists(existing, wanted: request.role, suffix: target.suffix(server: server)))
                }
                return target.json ? try AdminOutput.json(added) : AdminOutput.account(added, verb: "Added")
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role",
            abstract: "Make an account an admin or a user (the last enabled admin stays an admin).")
        @Argument(help: "The username.") var username: String
        @Argument(help: ArgumentHelp("admin or user.", valueName: "role")) var role: String
        @OptionGroup var target: AdminTarget

        func validate() throws {
            guard Account.Role(rawValue: role) != nil else { throw ValidationError("the role must be user or admin") }
        }

        func run() async throws {
            let role = Account.Role(rawValue: role) ?? .user
            try await runAdmin(target) { admin, _ in
                let changed = try await admin.setRole(username: username, role)
                return target.json ? try AdminOutput.json(changed) : AdminOutput.account(changed, verb: "Updated")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its devices are refused.")
        @Argument var username: String
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) { admin, _ in
                let changed = try await admin.setDisabled(username: username, true)
                return target.json ? try AdminOutput.json(changed) : AdminOutput.account(changed, verb: "Disabled")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Argument var username: String
        @OptionGroup var target: AdminTarget

        func run() async throws {
            try await runAdmin(target) { admin, _ in
                let changed = try await admin.setDisabled(username: username, false)
                return target.json ? try AdminOutput.json(changed) : AdminOutput.account(changed, verb: "Enabled")
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
        try await runAdmin(target) { admin, server in
            let invitation = try await admin.invite(username: username)
            return target.json ? try AdminOutput.json(invitation) : AdminOutput.invitation(invitation, server: server)
        }
    }
}
