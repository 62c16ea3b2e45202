import ArgumentParser
import Foundation
import GNAP
import GNAPClient
import TerminalApps
import TerminalSession
import TerminalStorage

extension KeysCommand {
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the device key for an AS: the AS enrolls a new key and revokes the old one.",
            discussion: "A sealed key stays sealed under the same passphrase (asked once to open the old key).")

        @OptionGroup var target: KeyTargetOptions

        func run() async throws {
            do {
                let (address, vault) = try await target.open()
                let store = vault.store
                let setup = ApproverSetup(transport: AsyncHTTPTransport(), store: store, clock: WallClock())
                let backend = try await setup.connect(
                    server: address, enrollCode: nil, deviceName: "", passphrase: PassphrasePrompt.unlocking)
                let old = try await store.approverIdentity(server: backend.identity.server)
                let key = try await backend.rotateDeviceKey()
                let oldThumbprint = (try? old?.privateKey.publicKey.thumbprint()) ?? "unknown"
                StandardStreams.out(
                    "Rotated the device key for \(backend.identity.server).\n"
                        + "  old: \(oldThumbprint) (revoked at the AS)\n"
                        + "  new: \(key.thumbprint) (device \(key.deviceID))\n")
            } catch {
                StandardStreams.err("gnapterm keys rotate: \(ErrorSentence.describe(error))\n")
                throw ExitCode(1)
            }
        }
    }
}
