import GNAP
import HTTPTypes
import Hummingbird

enum DevicePage {
    /// The `user_code_uri` page (RFC 9635 §4.1.3): it must not contain the code; it tells the person how to
    /// enter it with the terminal approver.
    static func html(base: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>gnapterm: enter your code</title></head>
        <body>
        <h1>Approve a device</h1>
        <p>A device is showing you a code like <code>ABCD-EFGH</code>. Approve or deny it from a terminal:</p>
        <pre>gnapterm approve --as \(HTMLPage.escape(base))</pre>
        <p>Approve only if you started this on a device you control.</p>
        </body></html>
        """
    }

    static func response(base: String) -> Response { HTMLPage.response(html: html(base: base)) }
}
