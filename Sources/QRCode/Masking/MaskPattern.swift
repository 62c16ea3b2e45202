/// One of the eight data mask patterns (ISO/IEC 18004 §7.8.2, Table 10): the non-function modules where the
/// condition holds are inverted, to break up patterns that confuse readers.
struct MaskPattern: Sendable, Hashable {
    static let references = 0...7

    /// The pattern reference 0...7 written in the format information.
    let reference: Int

    init(reference: Int) {
        precondition(Self.references.contains(reference))
        self.reference = reference
    }

    static let all = references.map(MaskPattern.init(reference:))

    /// Whether the module at `row` (i in the standard), `column` (j) is inverted.
    func inverts(row i: Int, column j: Int) -> Bool {
        switch reference {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// `matrix` with this mask applied to its non-function modules and the matching format information written.
    func applied(
        to matrix: ModuleMatrix, errorCorrection: QRCode.ErrorCorrection
    ) -> ModuleMatrix {
        var result = matrix
        for row in 0..<matrix.size {
            for column in 0..<matrix.size where !matrix.isFunction(row: row, column: column) {
                if inverts(row: row, column: column) {
                    result[row, column].toggle()
                }
            }
        }
        result.writeFormatInformation(bits: FormatInformation.bits(errorCorrection: errorCorrection, mask: self))
        return result
    }

    /// The mask with the lowest penalty score (the lowest reference among equals) and the masked symbol, or
    /// the `forced` mask when one is given.
    static func choose(
        for matrix: ModuleMatrix, errorCorrection: QRCode.ErrorCorrection, forcing forced: MaskPattern?
    ) -> (MaskPattern, ModuleMatrix) {
        if let forced {
            return (forced, forced.applied(to: matrix, errorCorrection: errorCorrection))
        }
        let first = all[0].applied(to: matrix, errorCorrection: errorCorrection)
        var best = (mask: all[0], matrix: first, penalty: MaskPenalty.score(first))
        for mask in all.dropFirst() {
            let candidate = mask.applied(to: matrix, errorCorrection: errorCorrection)
            let penalty = MaskPenalty.score(candidate)
            if penalty < best.penalty {
                best = (mask, candidate, penalty)
            }
        }
        return (best.mask, best.matrix)
    }
}
