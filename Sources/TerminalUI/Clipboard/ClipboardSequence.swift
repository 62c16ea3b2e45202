/// OSC 52, xterm's "manipulate selection data" control: `ESC ] 52 ; c ; <base64 of the text> BEL` asks the terminal
/// to put the text on the system clipboard. It works over SSH and inside tmux (with `set-clipboard on`), which is why
/// terminal tools such as k9s and lazygit copy this way. Terminals that do not support it ignore it.
public enum ClipboardSequence {
    /// The control sequence that copies `text` (its UTF-8 bytes) to the clipboard (`c`).
    public static func osc52(_ text: String) -> String {
        "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// RFC 4648 §4 base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let first = chunk[chunk.startIndex]
            let second = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let third = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0x03) << 4 | second >> 4)])
            output.append(chunk.count > 1 ? alphabet[Int((second & 0x0F) << 2 | third >> 6)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(third & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
