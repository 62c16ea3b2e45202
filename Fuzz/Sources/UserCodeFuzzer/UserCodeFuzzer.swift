import FuzzSupport
import GNAP

/// What a person types as a user code (RFC 9635 §3.3.3) or an enrollment code.
///
/// Invariants: nothing traps; an accepted code has its length in the alphabet, and its display form, its lowercase
/// form and its normalized form read back as the same code; the as-you-type formatting is idempotent and never longer
/// than a displayed code, and a complete one reads as a code.
@main
enum UserCodeFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzUserCode(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzUserCode(_ bytes: [UInt8]) {
    let input = String(decoding: bytes, as: UTF8.self)
    if let code = try? UserCode(parsing: input) {
        require(
            code.normalized.count == UserCode.length && code.normalized.allSatisfy(UserCode.alphabet.contains),
            "'\(input)' gives the code '\(code.normalized)'")
        for form in [code.display, code.normalized, code.display.lowercased()] {
            require((try? UserCode(parsing: form)) == code, "'\(form)' does not read as \(code)")
        }
    }
    if let code = try? EnrollmentCode(parsing: input) {
        require(
            code.normalized.count == EnrollmentCode.length && code.normalized.allSatisfy(UserCode.alphabet.contains),
            "'\(input)' gives the enrollment code '\(code.normalized)'")
        require((try? EnrollmentCode(parsing: code.display)) == code, "'\(code.display)' does not read as \(code)")
    }
    let partial = UserCode.formatPartial(input)
    require(partial.count <= UserCode.length + 1, "'\(input)' formats as '\(partial)'")
    require(UserCode.formatPartial(partial) == partial, "formatting '\(partial)' again changes it")
    if partial.count == UserCode.length + 1 {
        require((try? UserCode(parsing: partial))?.display == partial, "the complete '\(partial)' is not a code")
    }
}
