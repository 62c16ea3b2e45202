import ArgumentParser
import GNAP
import GNAPServer

/// `gnapterm serve`: asynchronous requests (RFC 9635 §1.6.3) and the limits that protect the users they reach (§13).
/// Registered clients are allowed in `--clients` (`"asynchronous": true`); these options cover the rest.
struct AsynchronousServeOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Let dynamic clients (not in --clients) send asynchronous requests: no 'interact', a named user asked on "
                + "their approver terminals. Off by default: any key could otherwise ring any user's terminals."))
    var allowAsyncDynamicClients = false

    @Option(help: "Asynchronous requests of one client that may wait for one user at a time.")
    var maxPendingAsync: Int = InboxLimits().maximumPending

    @Option(help: "Asynchronous requests of one client for one user per hour (merged repeats count).")
    var maxAsyncPerHour: Int = InboxLimits().maximumPerWindow

    @Option(
        help: ArgumentHelp(
            "After this many denials in a row, a client's asynchronous requests for that user are refused until the "
                + "user lifts the block from their inbox."))
    var asyncDenialsBeforeBlock: Int = InboxLimits().denialsBeforeBlock

    func validate() throws {
        for (name, value, range) in [
            ("--max-pending-async", maxPendingAsync, 1...1000), ("--max-async-per-hour", maxAsyncPerHour, 1...100_000),
            ("--async-denials-before-block", asyncDenialsBeforeBlock, 1...1000),
        ] where !range.contains(value) {
            throw ValidationError("\(name) must be \(range.lowerBound) to \(range.upperBound)")
        }
    }

    var policy: AsynchronousPolicy {
        AsynchronousPolicy(
            allowsDynamicClients: allowAsyncDynamicClients,
            limits: InboxLimits(
                maximumPending: maxPendingAsync, maximumPerWindow: maxAsyncPerHour,
                denialsBeforeBlock: asyncDenialsBeforeBlock))
    }
}
