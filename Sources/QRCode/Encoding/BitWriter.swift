/// Appends values most significant bit first into bytes.
struct BitWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var bitCount = 0

    /// Appends the low `count` bits of `value`, most significant first.
    mutating func append(_ value: Int, bits count: Int) {
        precondition(count >= 0 && (count == Int.bitWidth || value >> count == 0), "value wider than its field")
        for shift in stride(from: count - 1, through: 0, by: -1) {
            if bitCount % 8 == 0 {
                bytes.append(0)
            }
            if (value >> shift) & 1 == 1 {
                bytes[bytes.count - 1] |= 0x80 >> UInt8(bitCount % 8)
            }
            bitCount += 1
        }
    }
}
