/// Order statistics of a set of samples. The median is the reported value; the interquartile range, relative to
/// the median, is the reported spread (both resist the outliers a shared machine produces, unlike mean and
/// standard deviation).
struct Summary {
    let count: Int
    let minimum: Double
    let lowerQuartile: Double
    let median: Double
    let upperQuartile: Double
    let maximum: Double

    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        count = sorted.count
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        lowerQuartile = Self.quantile(sorted, 0.25)
        median = Self.quantile(sorted, 0.5)
        upperQuartile = Self.quantile(sorted, 0.75)
    }

    /// Interquartile range as a fraction of the median.
    var relativeSpread: Double { median == 0 ? 0 : (upperQuartile - lowerQuartile) / median }

    /// Linear interpolation between the closest ranks.
    private static func quantile(_ sorted: [Double], _ fraction: Double) -> Double {
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] * (1 - weight) + sorted[upper] * weight
    }
}
