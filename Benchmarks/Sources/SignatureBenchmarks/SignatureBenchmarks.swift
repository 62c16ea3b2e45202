import Foundation
import GNAP
import HTTPMessageSignatures

/// Sign and verify cost of the GNAP httpsig profile per algorithm, next to the bare signature primitive
/// (docs/performance.md).
@main
struct SignatureBenchmarks {
    static func main() {
        if CommandLine.arguments.contains("--help") {
            print(Options.usage)
            return
        }
        let options: Options
        do {
            options = try Options(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(2)
        }
        do {
            if let (algorithm, kind) = options.callgrind {
                try runCallgrind(algorithm, kind, iterations: options.iterations)
            } else {
                try runTimed(options)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    private static func runCallgrind(_ algorithm: SignatureAlgorithm, _ kind: OperationKind, iterations: Int) throws {
        let fixture = try AlgorithmFixture(algorithm)
        guard let operation = fixture.operations.first(where: { $0.kind == kind }) else { return }
        keepAlive(callgrindLoop(operation, iterations: iterations))
        print("\(operation.name): \(iterations) iterations")
    }

    private static func runTimed(_ options: Options) throws {
        let fixtures = try options.algorithms.map(AlgorithmFixture.init)
        let operations = fixtures.flatMap(\.operations)
        let jwsSizes = try JWSProofOperations.signingInputSizes(
            .ed25519, keys: try BareKeys(.ed25519), now: WallInstant(unixSeconds: GrantRequestFixture.created))
        let sampler = Sampler(
            warmUp: .milliseconds(options.warmUpMilliseconds), batchTarget: .milliseconds(options.batchMilliseconds),
            rounds: options.rounds)
        let samples = sampler.sample(operations) { message in
            FileHandle.standardError.write(Data("\(message)\n".utf8))
        }
        print(
            "CPU: \(MachineInfo.cpuModel), \(MachineInfo.logicalCores) logical cores; build: \(MachineInfo.buildConfiguration)"
        )
        print(
            "Grant request body: \(GrantRequestFixture.body.count) bytes; signature base: "
                + "\(fixtures.first?.baseSize ?? 0) bytes; JWS signing input: jwsd \(jwsSizes[0]) bytes, jws "
                + "\(jwsSizes[1]) bytes; \(options.rounds) rounds of ~\(options.batchMilliseconds) ms "
                + "batches per operation after \(options.warmUpMilliseconds) ms warm-up; medians over rounds")
        print("")
        Report(operations: operations, samples: samples).print { print($0) }
    }
}
