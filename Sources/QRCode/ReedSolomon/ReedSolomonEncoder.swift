/// Computes the error-correction codewords of one block: the remainder of the data polynomial times x^n divided by
/// the generator polynomial of degree n (ISO/IEC 18004 §7.5.2).
struct ReedSolomonEncoder: Sendable {
    /// g(x) = (x − α⁰)(x − α¹)…(x − αⁿ⁻¹), coefficients from the highest degree down; the first one is 1.
    let generator: [UInt8]

    /// - Parameter degree: the number of error-correction codewords per block.
    init(degree: Int) {
        generator = Self.generatorPolynomial(degree: degree)
    }

    var degree: Int { generator.count - 1 }

    /// The `degree` error-correction codewords for `data`.
    func errorCorrectionCodewords(for data: some Sequence<UInt8>) -> [UInt8] {
        // Long division as a shift register: the register holds the running remainder.
        var remainder = [UInt8](repeating: 0, count: degree)
        for codeword in data {
            let factor = codeword ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in 0..<degree {
                remainder[index] ^= GaloisField.multiply(generator[index + 1], factor)
            }
        }
        return remainder
    }

    static func generatorPolynomial(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for exponent in 0..<degree {
            // Multiply by (x + αⁱ); subtraction is addition in GF(2⁸).
            let root = GaloisField.power(exponent)
            var product = polynomial + [0]
            for index in 1..<product.count {
                product[index] ^= GaloisField.multiply(polynomial[index - 1], root)
            }
            polynomial = product
        }
        return polynomial
    }
}
