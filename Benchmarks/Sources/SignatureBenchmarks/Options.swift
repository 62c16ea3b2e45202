import HTTPMessageSignatures

/// The command line. Two modes:
///
///     SignatureBenchmarks [--rounds N] [--batch-ms M] [--warmup-ms W] [--algorithms a,b,...]
///     SignatureBenchmarks --callgrind ALGORITHM OPERATION [--iterations N]
///
/// The second runs a fixed number of iterations of one operation and nothing timed, for
/// `valgrind --tool=callgrind` (see docs/performance.md).
struct Options {
    static let usage = """
        usage: SignatureBenchmarks [--rounds N] [--batch-ms M] [--warmup-ms W] [--algorithms a,b,...]
               SignatureBenchmarks --callgrind ALGORITHM OPERATION [--iterations N]
        algorithms: \(SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))
        operations: \(OperationKind.allCases.map(\.rawValue).joined(separator: ", "))
        """

    var rounds = 30
    var batchMilliseconds = 20
    var warmUpMilliseconds = 300
    var algorithms = SignatureAlgorithm.allCases
    var callgrind: (algorithm: SignatureAlgorithm, kind: OperationKind)?
    var iterations = 1000

    init(_ arguments: [String]) throws(UsageError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--rounds": rounds = try Self.positive(remaining.popFirst(), argument)
            case "--batch-ms": batchMilliseconds = try Self.positive(remaining.popFirst(), argument)
            case "--warmup-ms": warmUpMilliseconds = try Self.positive(remaining.popFirst(), argument)
            case "--iterations": iterations = try Self.positive(remaining.popFirst(), argument)
            case "--algorithms":
                guard let list = remaining.popFirst() else { throw UsageError("--algorithms needs a value") }
                algorithms = try list.split(separator: ",").map { name throws(UsageError) in
                    try Self.algorithm(String(name))
                }
            case "--callgrind":
                guard let algorithm = remaining.popFirst(), let operation = remaining.popFirst() else {
                    throw UsageError("--callgrind needs an algorithm and an operation")
                }
                guard let kind = OperationKind(rawValue: operation) else {
                    throw UsageError(
                        "unknown operation '\(operation)'; one of "
                            + OperationKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                callgrind = (try Self.algorithm(algorithm), kind)
            default:
                throw UsageError("unknown argument '\(argument)'\n" + Self.usage)
            }
        }
    }

    private static func positive(_ value: String?, _ name: String) throws(UsageError) -> Int {
        guard let value, let number = Int(value), number > 0 else {
            throw UsageError("\(name) needs a positive integer")
        }
        return number
    }

    private static func algorithm(_ name: String) throws(UsageError) -> SignatureAlgorithm {
        guard let algorithm = SignatureAlgorithm(rawValue: name) else {
            throw UsageError(
                "unknown algorithm '\(name)'; one of "
                    + SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return algorithm
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
