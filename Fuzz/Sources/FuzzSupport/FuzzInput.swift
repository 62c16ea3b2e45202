/// The bytes libFuzzer hands to the test function.
public func fuzzInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
    guard let start, count > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: start, count: count))
}

/// Stops the process when an invariant does not hold: libFuzzer then reports a crash and keeps the input.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// The input as text with every byte outside printable ASCII escaped, for crash messages.
public func escaped(_ bytes: some Sequence<UInt8>) -> String {
    var output = ""
    for byte in bytes {
        if (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\") {
            output.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            output += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }
    }
    return output
}

/// Whether `text` holds a control character other than LF: what an error message must never print to a terminal.
public func hasControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
}

extension Array where Element == UInt8 {
    /// The input cut at its first `count` LF bytes into `count + 1` parts (missing parts are empty), so that one
    /// input can carry several field values and a body.
    public func fuzzParts(_ count: Int) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var rest = self[...]
        for _ in 0..<count {
            guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else { break }
            parts.append(Array(rest[..<newline]))
            rest = rest[(newline + 1)...]
        }
        parts.append(Array(rest))
        while parts.count < count + 1 { parts.append([]) }
        return parts
    }
}
