import FuzzSupport
import HTTPSigTool

/// The HTTP/1.1 message reader of `gnapterm httpsig` (RFC 9112 §2, §5, §7.1).
///
/// Invariants: nothing traps; errors describe themselves without control characters; a message read with its empty
/// lines required is written back to bytes that read as the same message; the message converts to HTTPTypes or
/// says why not.
@main
enum HTTPMessageTextFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzHTTPMessageText(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzHTTPMessageText(_ bytes: [UInt8]) {
    for requireEmptyLine in [false, true] {
        let text: HTTPMessageText
        do {
            text = try HTTPMessageText(parsing: bytes, requireEmptyLine: requireEmptyLine)
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
            continue
        }
        do {
            _ = try text.httpMessage(scheme: .https)
        } catch {
            require(!hasControlCharacters(error.description), "control characters in the error '\(error)'")
        }
        guard requireEmptyLine else { continue }
        do {
            let again = try HTTPMessageText(parsing: text.serialized, requireEmptyLine: true)
            require(again == text, "\(escaped(bytes)) reads differently once written back: \(escaped(text.serialized))")
        } catch {
            fatalError("\(escaped(bytes)) cannot be read once written back (\(error)): \(escaped(text.serialized))")
        }
    }
}
