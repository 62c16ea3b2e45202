import ArgumentParser
import Foundation
import GNAP
import TerminalSession
import TerminalStorage

/// `gnapterm device key`: prints the public key the device signs its requests with, for the AS operator's client
/// registry (`serve --clients`: standing access, asynchronous requests, agents).
struct DeviceKeySubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Print this device's public key (a JWK) for the AS operator's client registry (serve --clients).",
        discussion: "The key is generated and stored in the home on first use, as 'gnapterm device' would.")

    @OptionGroup var home: HomeOptions

    func run() async throws {
        do {
            let store = try LocalDatabase.open(directory: home.directory)
            let jwk = try await DeviceClientKey.publicJWK(keyStore: store)
            StandardStreams.out(String(decoding: try GNAPJSON.encode(jwk), as: UTF8.self) + "\n")
        } catch {
            StandardStreams.err("gnapterm device key: \(error)\n")
            throw ExitCode(1)
        }
    }
}
