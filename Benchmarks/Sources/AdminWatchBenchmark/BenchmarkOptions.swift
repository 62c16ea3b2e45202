import TerminalUI

/// `--pending N --rate N --seconds N --batch-ms N --size WxH`.
struct BenchmarkOptions {
    var pending = 50_000
    var rate = 1000
    var seconds = 20
    var batchMilliseconds = 50
    var size = Size(width: 160, height: 48)

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard let value = rest.popFirst() else { throw Invalid(description: "\(name) needs a value") }
            switch name {
            case "--pending": pending = try Self.number(value, name)
            case "--rate": rate = try Self.number(value, name)
            case "--seconds": seconds = try Self.number(value, name)
            case "--batch-ms": batchMilliseconds = try Self.number(value, name)
            case "--size":
                let parts = value.split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2 else { throw Invalid(description: "--size is WxH, e.g. 160x48") }
                size = Size(width: parts[0], height: parts[1])
            default: throw Invalid(description: "unknown option \(name)")
            }
        }
    }

    private static func number(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text), value > 0 else { throw Invalid(description: "\(name) must be a positive number") }
        return value
    }
}
