/// The BCH codes that protect the format and version information: the data bits followed by the remainder of
/// their polynomial (times x^degree) divided by a generator polynomial over GF(2) (ISO/IEC 18004 Annex C, D).
enum BCHCode {
    /// `data` followed by its check bits for `generator` (whose highest set bit gives the number of check bits).
    static func encode(_ data: Int, generator: Int) -> Int {
        let degree = highestBit(generator)
        var remainder = data << degree
        while remainder != 0, highestBit(remainder) >= degree {
            remainder ^= generator << (highestBit(remainder) - degree)
        }
        return data << degree | remainder
    }

    private static func highestBit(_ value: Int) -> Int {
        Int.bitWidth - 1 - value.leadingZeroBitCount
    }
}
