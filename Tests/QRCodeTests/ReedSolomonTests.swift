import Testing

@testable import QRCode

@Suite("Reed–Solomon over GF(256)")
struct ReedSolomonTests {
    @Test("the field's powers of α follow the primitive polynomial 0x11D")
    func field() {
        #expect(GaloisField.power(0) == 1)
        #expect(GaloisField.power(7) == 0x80)
        #expect(GaloisField.power(8) == 0x1D)
        #expect(GaloisField.power(255) == 1)
        #expect(Set(GaloisField.exponentials.prefix(255)).count == 255)
        for value in 1...255 {
            let inverse = GaloisField.power(255 - GaloisField.logarithms[value])
            #expect(GaloisField.multiply(UInt8(value), inverse) == 1)
        }
    }

    /// Generator polynomials as exponents of α, highest degree first (ISO/IEC 18004 Annex A).
    @Test(
        "generator polynomials match the standard",
        arguments: [
            [0, 87, 229, 146, 149, 238, 102, 21],
            [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45],
            [0, 74, 152, 176, 100, 86, 100, 106, 104, 130, 218, 206, 140, 78],
            [0, 43, 139, 206, 78, 43, 239, 123, 206, 214, 147, 24, 99, 150, 39, 243, 163, 136],
        ])
    func generator(exponents: [Int]) {
        let polynomial = ReedSolomonEncoder.generatorPolynomial(degree: exponents.count - 1)
        #expect(polynomial.map { GaloisField.logarithms[Int($0)] } == exponents)
    }

    @Test("every generator the tables use has α⁰…αⁿ⁻¹ as roots", arguments: 7...30)
    func generatorRoots(degree: Int) {
        let polynomial = ReedSolomonEncoder.generatorPolynomial(degree: degree)
        for exponent in 0..<degree {
            #expect(Self.evaluate(polynomial, at: GaloisField.power(exponent)) == 0)
        }
    }

    @Test("the standard's worked example: 1-M, \"01234567\"")
    func workedExample() {
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        #expect(
            ReedSolomonEncoder(degree: 10).errorCorrectionCodewords(for: data)
                == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("data followed by its error-correction codewords is a codeword: all syndromes are zero")
    func syndromes() {
        for degree in [7, 18, 30] {
            let data = Payloads.bytes(count: 100, seed: UInt64(degree))
            let codeword = data + ReedSolomonEncoder(degree: degree).errorCorrectionCodewords(for: data)
            for exponent in 0..<degree {
                #expect(Self.evaluate(codeword, at: GaloisField.power(exponent)) == 0)
            }
        }
    }

    /// Horner's rule; coefficients from the highest degree down.
    private static func evaluate(_ polynomial: [UInt8], at x: UInt8) -> UInt8 {
        polynomial.reduce(0) { GaloisField.multiply($0, x) ^ $1 }
    }
}
