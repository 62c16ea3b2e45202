import Foundation

/// The PEM keys of the RFC 9421 vector file kept with HTTPMessageSignaturesTests (its `keys` member).
enum VectorKeys {
    struct Key: Decodable {
        var privatePem: String
        var publicPem: String
    }

    private struct File: Decodable {
        var keys: [String: PartialKey]
    }

    private struct PartialKey: Decodable {
        var privatePem: String?
        var publicPem: String?
    }

    static func load(_ name: String) throws -> Key {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../HTTPMessageSignaturesTests/Fixtures/rfc9421-vectors.json").standardized
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let file = try decoder.decode(File.self, from: Data(contentsOf: url))
        guard let key = file.keys[name], let privatePem = key.privatePem, let publicPem = key.publicPem else {
            throw InteropError.unreadableFixture("\(url.path) has no PEM key pair '\(name)'")
        }
        return Key(privatePem: privatePem, publicPem: publicPem)
    }
}
