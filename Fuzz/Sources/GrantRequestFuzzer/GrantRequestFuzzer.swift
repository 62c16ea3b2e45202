import FuzzSupport
import GNAP

/// Grant request bodies (RFC 9635 §2) through `GrantRequestValidator`, with the default policy and with one that
/// allows everything optional (bearer tokens, loopback push callbacks).
///
/// Invariants: nothing traps; a refusal is a GNAP error with a description; a validated request encodes to JSON that
/// validates again to the same request.
@main
enum GrantRequestFuzzer {
    static func main() {
        runFuzzer { start, count in
            fuzzGrantRequest(fuzzInput(start, count))
            return 0
        }
    }
}

func fuzzGrantRequest(_ bytes: [UInt8]) {
    for validator in GrantRequestFuzz.validators {
        let validated: ValidatedGrantRequest
        do {
            validated = try validator.validate(body: bytes)
        } catch {
            require(!(error.errorDescription ?? "").isEmpty, "a refusal without a description: \(escaped(bytes))")
            continue
        }
        do {
            let encoded = try GNAPJSON.encode(validated.request)
            let again = try validator.validate(body: encoded)
            require(again == validated, "\(escaped(bytes)) validates differently once re-encoded: \(escaped(encoded))")
        } catch {
            fatalError("\(escaped(bytes)) does not validate once re-encoded: \(error)")
        }
    }
}

enum GrantRequestFuzz {
    static let validators: [GrantRequestValidator] = {
        var permissive = GrantRequestPolicy(allowsBearerTokens: true)
        permissive.finish = FinishPolicy(allowsLoopbackPush: true, pushHosts: ["client.example.net"])
        return [GrantRequestValidator(), GrantRequestValidator(policy: permissive)]
    }()
}
