import ArgumentParser
import Foundation
import GNAP
import GNAPStorage
import GNAPStoragePostgres
import Logging

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Move an AS's state between backends.",
        subcommands: [DatabaseCopyCommand.self])
}

struct DatabaseCopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy a stopped AS's SQLite database into a new, empty PostgreSQL database.",
        discussion: """
            Copies accounts, approver devices, enrollment codes, client instances, resource servers and their \
            resource sets, grants, access tokens (derived ones after the token they came from), the audit log with \
            its event ids, the signature nonces and code-entry counts, the inbox's request log, deliveries \
            and lifted blocks, and the AS's secrets as stored (the user-code pepper and the assertion signing key), \
            then checks that every table holds as many rows as the source. Issued tokens, user codes and id_tokens \
            stay valid. Stop the AS before copying; the destination must be empty. Then start 'gnapterm serve \
            --database URL' (with the same --secrets-key-file, if any).
            """)

    @Option(help: "The data directory of the stopped AS (SQLite).")
    var from: String

    @Option(help: "The PostgreSQL database to copy into: postgres://USER@HOST:PORT/DATABASE.")
    var to: String

    @Option(help: "File whose first line is the database password (else the URL's, else PGPASSWORD).")
    var databasePasswordFile: String?

    func run() async throws {
        let directory = URL(fileURLWithPath: from)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(ASDatabase.fileName).path) else {
            throw ValidationError("no AS database in '\(from)'")
        }
        let location: PostgresLocation
        do {
            location = try PostgresLocation(
                url: to, passwordFile: databasePasswordFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        let source = try ASDatabase.open(directory: directory)
        var logger = Logger(label: "gnapterm.db")
        logger.logLevel = .warning
        let destination: PostgresStore
        do {
            destination = try await PostgresStore.connect(location, logger: logger)
        } catch {
            throw ValidationError("\(error)")
        }
        do {
            StandardStreams.out("Copying \(directory.path) to \(location.redacted)\n")
            let counts = try await ASStoreCopy.run(from: source, to: destination) { table, rows in
                StandardStreams.out("  \(table.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(rows)\n")
            }
            let total = counts.values.reduce(0, +)
            StandardStreams.out("Copied \(total) rows; every table matches the source.\n")
        } catch let failure as ASStoreCopy.Failure {
            await destination.shutdown()
            throw ValidationError(failure.description)
        } catch {
            await destination.shutdown()
            throw error
        }
        await destination.shutdown()
    }
}
