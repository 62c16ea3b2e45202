extension HTTPMessageText {
    /// The message as bytes: the start line, every field line as it was read (new ones as `Name: value`), the empty
    /// line and the body, each line ended with ``lineEnding``.
    public var serialized: [UInt8] {
        let ending = lineEnding.bytes
        var output = Array(startLine.text.utf8) + ending
        for field in fields { output += field.raw + ending }
        output += ending
        output += body
        return output
    }
}
