/// The symbol under construction: each module's colour, and whether it belongs to a function pattern (finder,
/// separator, timing, alignment, format or version information) that data placement and masking must skip.
struct ModuleMatrix: Sendable, Equatable {
    let size: Int
    /// Row-major colours, `true` for dark: the module at `row`, `column` is at `row * size + column`.
    private(set) var dark: [Bool]
    private var function: [Bool]

    init(size: Int) {
        self.size = size
        dark = [Bool](repeating: false, count: size * size)
        function = [Bool](repeating: false, count: size * size)
    }

    subscript(row: Int, column: Int) -> Bool {
        get { dark[row * size + column] }
        set { dark[row * size + column] = newValue }
    }

    func isFunction(row: Int, column: Int) -> Bool {
        function[row * size + column]
    }

    /// Sets a module and marks it as part of a function pattern.
    mutating func setFunction(row: Int, column: Int, dark isDark: Bool) {
        dark[row * size + column] = isDark
        function[row * size + column] = true
    }

    var rows: [[Bool]] {
        (0..<size).map { row in Array(dark[row * size..<(row + 1) * size]) }
    }

    var darkCount: Int {
        var count = 0
        for isDark in dark where isDark {
            count += 1
        }
        return count
    }
}
