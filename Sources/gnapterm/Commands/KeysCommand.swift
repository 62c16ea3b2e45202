import ArgumentParser
import Foundation
import GNAP
import GNAPStorage
import TerminalApps

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

        @OptionGroup var home: HomeOptions

        func run() async throws {
            do {
                let vault = DeviceKeyVault(store: try LocalDatabase.open(directory: home.directory))
                StandardStreams.out(KeysPrinter.text(try await vault.list(), timeZone: .current))
            } catch {
                StandardStreams.err("gnapterm keys: \(error)\n")
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
                let (address, vault) = try target.open()
                guard let passphrase = PassphrasePrompt.read("New passphrase: "), !passphrase.isEmpty else {
                    throw SessionErrorText("no passphrase given; nothing changed")
                }
                if StandardStreams.stdinIsTerminal, PassphrasePrompt.read("Repeat the passphrase: ") != passphrase {
                    throw SessionErrorText("the passphrases differ; nothing changed")
                }
                try await vault.sealKey(server: address, passphrase: passphrase, at: WallClock().now)
                StandardStreams.err("Sealed the device key for \(address).\n")
            } catch {
                StandardStreams.err("gnapterm keys seal: \(error)\n")
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
                let (address, vault) = try target.open()
                guard let passphrase = PassphrasePrompt.read("Passphrase of the device key: ") else {
                    throw SessionErrorText("no passphrase given; nothing changed")
                }
                try await vault.unsealKey(server: address, passphrase: passphrase)
                StandardStreams.err("The device key for \(address) is no longer sealed.\n")
            } catch {
                StandardStreams.err("gnapterm keys unseal: \(error)\n")
                throw ExitCode(1)
            }
        }
    }
}

/// A one-line failure of a keys command.
struct SessionErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
