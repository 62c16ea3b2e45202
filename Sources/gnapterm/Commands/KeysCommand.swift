import ArgumentParser
import Foundation
import GNAP
import TerminalApps
import TerminalSession
import TerminalStorage

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract:
            "This terminal's approver device keys: list them with thumbprints, seal or unseal with a passphrase, rotate.",
        subcommands: [List.self, Seal.self, Unseal.self, Rotate.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the device keys with their RFC 7638 thumbprints (compare with the admin's view).")

        @Flag(help: "Print JSON (server, device_id, thumbprint, enrolled_at, sealed) instead of text.")
        var json = false

        @OptionGroup var home: HomeOptions

        func run() async throws {
            do {
                let vault = DeviceKeyVault(store: try LocalDatabase.open(directory: home.directory))
                let keys = try await vault.list()
                StandardStreams.out(json ? try KeysPrinter.json(keys) : KeysPrinter.text(keys, timeZone: .current))
            } catch {
                StandardStreams.err("gnapterm keys: \(ErrorSentence.describe(error))\n")
                throw ExitCode(1)
            }
        }
    }

    struct Seal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the device key for an AS with a passphrase (asked when the approver starts).")

        @OptionGroup var target: KeyTargetOptions

        func run() async throws {
            do {
                let (address, vault) = try await target.open()
                let passphrase = try PassphrasePrompt.choosing()
                try await vault.sealKey(server: address, passphrase: passphrase, at: WallClock().now)
                StandardStreams.err("Sealed the device key for \(address).\n")
            } catch {
                StandardStreams.err("gnapterm keys seal: \(ErrorSentence.describe(error))\n")
                throw ExitCode(1)
            }
        }
    }

    struct Unseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store the device key for an AS without a passphrase again.")

        @OptionGroup var target: KeyTargetOptions

        func run() async throws {
            do {
                let (address, vault) = try await target.open()
                try await vault.unsealKey(server: address, passphrase: try PassphrasePrompt.current())
                StandardStreams.err("The device key for \(address) is no longer sealed.\n")
            } catch {
                StandardStreams.err("gnapterm keys unseal: \(ErrorSentence.describe(error))\n")
                throw ExitCode(1)
            }
        }
    }
}
