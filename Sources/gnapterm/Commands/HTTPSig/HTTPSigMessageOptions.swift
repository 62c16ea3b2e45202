import ArgumentParser
import Foundation
import HTTPSigTool

/// The options every `httpsig` subcommand shares, and the reading of its inputs.
struct HTTPSigMessageOptions: ParsableArguments {
    @Option(
        name: .customLong("request"),
        help: ArgumentHelp(
            "The request that the response on standard input answers, for components with ;req.", valueName: "file"))
    var requestFile: String?

    @Option(help: "The target URI's scheme when the request line holds no absolute URI: https or http.")
    var scheme: String = "https"

    func targetScheme() throws(HTTPSigToolError) -> TargetScheme { try HTTPSigTool.scheme(named: scheme) }

    func relatedRequest() throws -> [UInt8]? {
        try requestFile.map { try HTTPSigIO.readFile($0, what: "request") }
    }
}

/// Standard input, files and errors of the `httpsig` subcommands.
enum HTTPSigIO {
    static func readStandardInput() -> [UInt8] {
        if StandardStreams.stdinIsTerminal {
            StandardStreams.err("Reading an HTTP message from standard input (end it with Ctrl-D).\n")
        }
        return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }

    static func readFile(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(description: "cannot read the \(what) file '\(path)'")
        }
        return [UInt8](data)
    }

    static func readTextFile(_ path: String, what: String) throws -> String {
        String(decoding: try readFile(path, what: what), as: UTF8.self)
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Runs a subcommand's work; any error is printed, one line each, as `gnapterm httpsig NAME: reason`, and the
    /// command exits with status 1.
    static func run(_ name: String, _ work: () throws -> Void) throws {
        do {
            try work()
        } catch {
            for line in "\(error)".split(separator: "\n", omittingEmptySubsequences: false) {
                StandardStreams.err("gnapterm httpsig \(name): \(line)\n")
            }
            throw ExitCode(1)
        }
    }

    struct FileError: Error, CustomStringConvertible {
        let description: String
    }
}
