import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Every vector signature must stop verifying when anything it covers changes. The verifier here knows the key from
/// context (as a GNAP server does), so a changed `keyid` fails on the signature itself rather than on key lookup.
@Suite("RFC 9421 vectors, tampered")
struct VectorTamperTests {
    @Test("a changed covered component value is rejected", arguments: try VectorCatalog.caseNames())
    func rejectsChangedComponentValue(name: String) throws {
        let run = try VectorRun(name)
        guard !run.received.components.isEmpty else {
            skip("\(name) covers no components; its parameters are tampered with in another test")
            return
        }
        let key = try run.publishedKey()
        #expect(run.outcome(of: run.message, with: key, knownKey: true) == .verified)
        for component in run.received.components {
            let outcome = run.outcome(of: try run.changingValue(of: component), with: key, knownKey: true)
            #expect(outcome == .failed(.invalidSignature), "\(component)")
        }
    }

    @Test("a changed signature is rejected", arguments: try VectorCatalog.caseNames())
    func rejectsChangedSignature(name: String) throws {
        let run = try VectorRun(name)
        let key = try run.publishedKey()
        let signature = run.received.signature
        var firstBitFlipped = signature
        firstBitFlipped[0] ^= 0x01
        var lastByteChanged = signature
        lastByteChanged[lastByteChanged.count - 1] &+= 1
        let variants: [(String, [UInt8])] = [
            ("first bit flipped", firstBitFlipped), ("last byte changed", lastByteChanged),
            ("truncated", Array(signature.dropLast())), ("extended", signature + [0]), ("empty", []),
        ]
        for (description, tampered) in variants {
            let outcome = run.outcome(of: try run.replacingSignature(with: tampered), with: key, knownKey: true)
            #expect(outcome == .failed(.invalidSignature), "\(description)")
        }
    }

    @Test("a changed signature parameter is rejected", arguments: try VectorCatalog.caseNames())
    func rejectsChangedParameter(name: String) throws {
        let run = try VectorRun(name)
        let key = try run.publishedKey()
        let variants = try run.parameterVariants()
        #expect(variants.count >= run.testCase.params.count + 3)
        for (description, member, expected) in variants {
            #expect(member != run.inputMember, "\(description)")
            let outcome = run.outcome(of: try run.replacingInputMember(with: member), with: key, knownKey: true)
            #expect(outcome == .failed(expected), "\(description)")
        }
    }

    @Test("a removed covered field is rejected", arguments: try VectorCatalog.caseNames())
    func rejectsRemovedCoveredField(name: String) throws {
        let run = try VectorRun(name)
        let fields = run.received.components.filter { !$0.isDerived }
        guard !fields.isEmpty else {
            skip("\(name) covers no HTTP field (only derived components or none)")
            return
        }
        let key = try run.publishedKey()
        for component in fields {
            let outcome = run.outcome(of: try run.removing(component), with: key, knownKey: true)
            #expect(outcome == .failed(.base(.component(.missingField(component.name)))), "\(component)")
        }
    }
}
