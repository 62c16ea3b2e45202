/// Arithmetic in GF(2⁸) as QR codes use it: elements are bytes, addition is XOR, and multiplication is modulo the
/// primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), with α = 2 as generator (ISO/IEC 18004 §7.5.2).
enum GaloisField {
    /// `exponentials[i]` is αⁱ; the 255 powers are stored twice so that a sum of two logarithms needs no modulo.
    static let exponentials: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 2 * 255)
        var value = 1
        for exponent in 0..<255 {
            table[exponent] = UInt8(value)
            table[exponent + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 {
                value ^= 0x11D
            }
        }
        return table
    }()

    /// `logarithms[x]` is the i with αⁱ = x, for x ≠ 0.
    static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for exponent in 0..<255 {
            table[Int(exponentials[exponent])] = exponent
        }
        return table
    }()

    static func multiply(_ lhs: UInt8, _ rhs: UInt8) -> UInt8 {
        guard lhs != 0, rhs != 0 else { return 0 }
        return exponentials[logarithms[Int(lhs)] + logarithms[Int(rhs)]]
    }

    /// αⁱ for i ≥ 0.
    static func power(_ exponent: Int) -> UInt8 {
        exponentials[exponent % 255]
    }
}
