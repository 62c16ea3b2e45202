import Foundation
import GNAP
import Testing

@Suite("Interaction hash (RFC 9635 §4.2.3)")
struct InteractionHashTests {
    /// The §4.2.3 example, exactly as printed in the RFC: note the third line, the interaction reference, reads
    /// `4IFWWIKYB2PQ6U56NL1` there (the other examples use `4IFWWIKYBC2PQ6U56NL1`); the printed hashes are over
    /// this base string.
    static let example = InteractionHash(
        clientNonce: "VJLO6A4CATR0KRO", serverNonce: "MBDOFXG4Y5CVJCX821LH", interactRef: "4IFWWIKYB2PQ6U56NL1",
        grantEndpoint: "https://server.example.com/tx")
    static let exampleBase = "VJLO6A4CATR0KRO\nMBDOFXG4Y5CVJCX821LH\n4IFWWIKYB2PQ6U56NL1\nhttps://server.example.com/tx"
    /// §4.2.3: "the encoded "sha-256" hash of the above example hash base string".
    static let exampleSHA256 = "x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY"
    /// §4.2.3: "the encoded "sha3-512" hash" (RFC 8792 line wrapping removed).
    static let exampleSHA3512 =
        "pyUkVJSmpqSJMaDYsk5G8WCvgY91l-agUPe1wgn-cc5rUtN69gPI2-S_s-Eswed8iB4PJ_a5Hg6DNi7qGgKwSQ"

    @Test func baseStringIsTheFourValuesJoinedByLineFeeds() {
        #expect(Self.example.base == Self.exampleBase)
        #expect(!Self.example.base.hasSuffix("\n"))
    }

    @Test func theRFCExamplesByteForByte() throws {
        #expect(Self.example.value == Self.exampleSHA256)
        var sha3 = Self.example
        sha3.method = try InteractionHashMethod(name: "sha3-512")
        #expect(sha3.value == Self.exampleSHA3512)
    }

    /// The example values above are the ones in the RFC text (checked when the spec is next to the repository).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: specPath)))
    func theExampleValuesAreTheSpecsOwn() throws {
        let text = try String(contentsOfFile: Self.specPath, encoding: .utf8)
        let section = try #require(
            text.range(of: "### Calculating the interaction hash").map { text[$0.lowerBound...] })
        #expect(section.contains("~~~\n" + Self.exampleBase + "\n~~~"))
        #expect(section.contains(Self.exampleSHA256))
        // The sha3-512 value is folded with RFC 8792 single-backslash wrapping.
        #expect(
            section.contains(
                "pyUkVJSmpqSJMaDYsk5G8WCvgY91l-agUPe1wgn-cc5rUtN69gPI2-S_s-Eswed8iB4\\\n  PJ_a5Hg6DNi7qGgKwSQ"))
    }

    static var specPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/specs/gnap-core-protocol-draft20.md").path
    }

    /// Every supported name over the example base, against values computed independently (Python's hashlib);
    /// truncated names keep the leftmost bytes of SHA-256 (RFC 6920 §2).
    @Test(arguments: [
        ("sha-256", "x-gguKWTj8rQf7d7i3w3UhzvuJ5bpOlKyAlVpLxBffY"),
        ("sha-256-128", "x-gguKWTj8rQf7d7i3w3Ug"),
        ("sha-256-120", "x-gguKWTj8rQf7d7i3w3"),
        ("sha-256-96", "x-gguKWTj8rQf7d7"),
        ("sha-256-64", "x-gguKWTj8o"),
        ("sha-256-32", "x-gguA"),
        ("sha-384", "DwX1yKfwbAnxXBe7KO5rWSurmzBtHyTIW-rnmEv1ENWN7hqcSQLnEA6Mj4uIb7S6"),
        ("sha-512", "454VR2f6OAHg3PDng-iAbfPEeBCI70VP0KcpleQZBC5TfJRbNOgz0RGVWI_gLaQXwRFst3CyzWPS_IPRDZ39fw"),
        ("sha3-256", "whl7XZLXMQ5oVJS7Taz1RUc_ecDJ3_N2Wx8lDSl2UoY"),
        ("sha3-384", "AHZ8TIQ43e4oLZW8i6jpT-VStdgYF_y_h33lQBlAYwYGBo14ikEILHJ7Ze9ALgpf"),
        ("sha3-512", exampleSHA3512),
    ])
    func everySupportedMethod(name: String, expected: String) throws {
        var hash = Self.example
        hash.method = try InteractionHashMethod(name: name)
        #expect(hash.method.name == name)
        #expect(hash.value == expected)
        #expect(hash.matches(expected))
    }

    @Test func supportedListCoversTheComputableRegistryNames() {
        #expect(InteractionHashMethod.supported.map(\.name).count == 11)
        #expect(
            Set(InteractionHashMethod.supported.map(\.name)).isDisjoint(
                with: InteractionHashMethod.registeredButUnsupported))
    }

    @Test func defaultIsSHA256() throws {
        #expect(try InteractionHashMethod(requested: nil) == .sha256)
        #expect(
            InteractionHash(clientNonce: "a", serverNonce: "b", interactRef: "c", grantEndpoint: "d").method == .sha256)
    }

    @Test func unknownAndUnsupportedNamesAreInvalidRequest() {
        for (name, fragment) in [
            ("md5", "not in the IANA"), ("SHA-256", "not in the IANA"), ("sha256", "not in the IANA"),
            ("", "not in the IANA"), ("sha3-224", "registered but not supported"),
            ("blake2b-512", "registered but not supported"), ("k12-256", "registered but not supported"),
        ] {
            do {
                _ = try InteractionHashMethod(name: name)
                Issue.record("'\(name)' was accepted")
            } catch {
                #expect(error.code == .invalidRequest)
                #expect(error.errorDescription?.contains(fragment) == true, "\(error)")
            }
        }
    }

    @Test func verificationFailsOnAnyDifference() {
        #expect(!Self.example.matches(String(Self.exampleSHA256.dropLast())))
        #expect(!Self.example.matches(Self.exampleSHA256 + "A"))
        #expect(!Self.example.matches(""))
        var other = Self.example
        other.interactRef = "4IFWWIKYBC2PQ6U56NL1"
        #expect(!other.matches(Self.exampleSHA256))
    }
}
