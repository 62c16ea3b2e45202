import Crypto
import GNAP
import HTTPMessageSignatures
import HTTPTypes

/// The bare Ed25519 verification on this machine, in this run: swift-crypto's
/// `Curve25519.Signing.PublicKey.isValidSignature` over the signature bases of the benchmark's own grant requests,
/// on one core. Timed in thread CPU time (like the AS's CPU per request), so other jobs' load does not inflate it.
/// Next to it, the project's full GNAP verification (`SignatureProfile.gnap.verify`) of the same requests.
struct BareVerification: Sendable {
    struct Sample: Sendable {
        var publicKey: Curve25519.Signing.PublicKey
        var verificationKey: VerificationKey
        var keyID: String
        var signed: RequestSigner.Signed
        var body: [UInt8]
        var created: WallInstant
    }

    struct Result: Sendable {
        /// Median CPU time of one bare verification over the batches, in microseconds.
        var bareMicroseconds: Double
        /// Median CPU time of one full GNAP-profile verification (digest, parsing, policy, base, signature).
        var fullMicroseconds: Double
        var baseBytes: Int
        var batches: Int
        /// Bare verifications per second on one core, and the two-core ceiling (twice that).
        var singleCoreRate: Double { 1e6 / bareMicroseconds }
        var twoCoreCeiling: Double { 2 * singleCoreRate }
    }

    let samples: [Sample]

    init(fleet: ClientFleet, authority: String) throws {
        let created = WallClock().now
        samples = try fleet.clients.indices.map { index in
            let signed = try fleet.grantRequest(
                index, authority: authority, created: created, nonce: Secrets.identifier())
            let jwk = try fleet.clients[index].key.publicJWK()
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: Base64URL.decode(jwk.x ?? "") ?? [])
            return Sample(
                publicKey: key, verificationKey: try VerificationKey(jwk: jwk), keyID: jwk.kid ?? "", signed: signed,
                body: fleet.clients[index].grantBody, created: created)
        }
    }

    /// Alternates batches of bare and full verifications for `total` of thread CPU time and takes the medians.
    func measure(total: Duration) throws -> Result {
        var bare: [Double] = []
        var full: [Double] = []
        let batchTarget = Duration.milliseconds(50)
        let end = ThreadCPU.now() + total
        while ThreadCPU.now() < end {
            bare.append(try batch(target: batchTarget, verify: verifyBare))
            full.append(try batch(target: batchTarget, verify: verifyFull))
        }
        return Result(
            bareMicroseconds: Self.median(bare), fullMicroseconds: Self.median(full),
            baseBytes: samples[0].signed.base.count, batches: bare.count)
    }

    /// Runs `verify` over the samples until `target` CPU time passed; returns microseconds per verification.
    private func batch(target: Duration, verify: (Sample) -> Bool) throws -> Double {
        var count = 0
        var failures = 0
        let start = ThreadCPU.now()
        var elapsed = Duration.zero
        while elapsed < target {
            for sample in samples where !verify(sample) { failures += 1 }
            count += samples.count
            elapsed = ThreadCPU.now() - start
        }
        guard failures == 0 else { throw BenchmarkFailure("\(failures) verifications of valid signatures failed") }
        return Double(elapsed.components.attoseconds) / 1e12 / Double(count)
            + Double(elapsed.components.seconds) * 1e6 / Double(count)
    }

    private func verifyBare(_ sample: Sample) -> Bool {
        sample.publicKey.isValidSignature(sample.signed.signature, for: sample.signed.base)
    }

    private func verifyFull(_ sample: Sample) -> Bool {
        let result = SignatureProfile.gnap.verify(
            sample.signed.head, content: sample.body, key: sample.verificationKey, keyID: sample.keyID,
            digestAlgorithms: [.sha256], now: sample.created)
        if case .success = result { return true }
        return false
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }
}
