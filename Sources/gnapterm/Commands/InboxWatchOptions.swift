import ArgumentParser
import TerminalApps
import TerminalUI

/// `gnapterm approve --watch`: a long-running approver for asynchronous requests, with notifications.
struct InboxWatchOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Stay open on the inbox: requests addressed to you arrive live, and after each decision the inbox comes "
                + "back (with --plain: one line per request, commands on standard input)."))
    var watch = false

    @Flag(help: "Do not ring the bell or raise a desktop notification (OSC 9/777) when a request arrives.")
    var noNotify = false

    func options(environment: [String: String]) -> InboxOptions {
        InboxOptions(
            watch: watch, notifies: !noNotify,
            methods: noNotify ? [] : TerminalNotification.methods(environment: environment))
    }
}
