import Foundation
import HTTPMessageSignatures

/// Prints the results of one run as Markdown tables.
struct Report {
    let operations: [BenchmarkOperation]
    /// Nanoseconds per operation, one sample per round, indexed like `operations`.
    let samples: [[Double]]

    func print(to output: (String) -> Void) {
        output("| algorithm | operation | full µs | spread | bare µs | spread | full − bare µs | full/bare | IQR |")
        output("|---|---|---:|---:|---:|---:|---:|---:|---|")
        for (index, operation) in operations.enumerated() {
            guard let bareKind = operation.kind.bare, let bareIndex = indexOf(operation.algorithm, bareKind) else {
                continue
            }
            let full = Summary(samples[index])
            let bare = Summary(samples[bareIndex])
            let ratio = Summary(ratios(index, bareIndex))
            output(
                "| \(operation.algorithm.rawValue) | \(operation.kind.label) "
                    + "| \(micro(full.median)) | \(percent(full.relativeSpread)) "
                    + "| \(micro(bare.median)) | \(percent(bare.relativeSpread)) "
                    + "| \(micro(full.median - bare.median)) "
                    + "| \(fixed(ratio.median, 3)) | \(fixed(ratio.lowerQuartile, 3))–\(fixed(ratio.upperQuartile, 3)) |"
            )
        }
        output("")
        for full in [OperationKind.fullVerify, .jwsdVerify, .jwsVerify] {
            guard let bare = full.bare, let fullIndex = indexOf(.ed25519, full), let bareIndex = indexOf(.ed25519, bare)
            else { continue }
            let target = Summary(ratios(fullIndex, bareIndex))
            output(
                "Target (full \(full.label) ≤ 1.3 × bare Ed25519 verify of the same signature): ratio "
                    + "\(fixed(target.median, 3)) (IQR \(fixed(target.lowerQuartile, 3))–\(fixed(target.upperQuartile, 3)), "
                    + "min \(fixed(target.minimum, 3)), max \(fixed(target.maximum, 3))) → "
                    + (target.median <= 1.3 ? "met" : "NOT met"))
        }
    }

    /// Per-round ratios: each full batch divided by the bare batch of the same round, which ran moments apart.
    private func ratios(_ full: Int, _ bare: Int) -> [Double] {
        zip(samples[full], samples[bare]).map { $0 / $1 }
    }

    private func indexOf(_ algorithm: SignatureAlgorithm, _ kind: OperationKind) -> Int? {
        operations.firstIndex { $0.algorithm == algorithm && $0.kind == kind }
    }

    private func micro(_ nanoseconds: Double) -> String { fixed(nanoseconds / 1000, 2) }
    private func percent(_ fraction: Double) -> String { "±" + fixed(fraction * 50, 1) + " %" }
    private func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
