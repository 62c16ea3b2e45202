/// Character classes of RFC 9110 §5.6.2 and RFC 5234 Appendix B.1.
enum HTTPSyntax {
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// HEXDIG, in either case (RFC 9112 §7.1 reads chunk sizes case-insensitively).
    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    static func isAlpha(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || isAlpha(byte) || "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }

    /// SP or HTAB.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
