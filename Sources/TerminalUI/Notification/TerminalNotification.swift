/// A desktop notification a terminal may raise for a program running in it: the bell, and where the terminal
/// understands them, OSC 9 (iTerm2, WezTerm, Windows Terminal, ConEmu, foot, Ghostty) or OSC 777 (rxvt-unicode,
/// foot, WezTerm, Ghostty). Terminals ignore OSC sequences they do not know, but some print them, so they are only
/// sent where the environment says the terminal reads them.
public struct TerminalNotification: Sendable, Hashable {
    public var title: String
    public var body: String

    public init(title: String, body: String) {
        self.title = title
        self.body = body
    }

    /// The notification escape sequences a terminal understands.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// `ESC ] 9 ; text BEL`.
        case osc9
        /// `ESC ] 777 ; notify ; title ; body BEL`.
        case osc777
    }

    /// The methods the terminal described by `environment` understands (empty: the bell only). Inside tmux or
    /// screen, which do not pass OSC notifications through by default, none.
    public static func methods(environment: [String: String]) -> [Method] {
        if environment["TMUX"] != nil || environment["STY"] != nil { return [] }
        let program = environment["TERM_PROGRAM"]?.lowercased() ?? ""
        let term = environment["TERM"]?.lowercased() ?? ""
        if program == "iterm.app" || environment["WT_SESSION"] != nil || environment["ConEmuPID"] != nil {
            return [.osc9]
        }
        if program == "wezterm" || program == "ghostty" || term.hasPrefix("foot") { return [.osc9, .osc777] }
        if term.hasPrefix("rxvt-unicode") { return [.osc777] }
        return []
    }

    /// The escape sequence of `method`, with every control character taken out of the texts (a BEL or ESC in them
    /// would end the sequence early and let the rest reach the terminal as commands) and `;` out of the title of
    /// OSC 777, which separates its fields.
    public func sequence(_ method: Method) -> String {
        let title = Self.clean(title, limit: 64)
        let body = Self.clean(body, limit: 200)
        switch method {
        case .osc9: return "\u{1B}]9;\(title): \(body)\u{07}"
        case .osc777: return "\u{1B}]777;notify;\(title.replacingSemicolons);\(body)\u{07}"
        }
    }

    static func clean(_ text: String, limit: Int) -> String {
        String(
            text.unicodeScalars.filter { $0.properties.generalCategory != .control && $0 != "\u{9B}" }.prefix(limit)
                .map(Character.init))
    }
}

extension String {
    fileprivate var replacingSemicolons: String { String(map { $0 == ";" ? "," : $0 }) }
}
