import Foundation

/// The one line a command prints when it fails. gnapterm's own errors describe themselves for a person (and the
/// stores and the HTTP transport turn SQLite's and the network's errors into such sentences where they happen);
/// what Foundation throws about files becomes a sentence naming the file, and nothing prints more than one line.
public enum ErrorSentence {
    public static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError { return file(error) }
        if let error = error as? POSIXError { return reason(errno: error.code.rawValue) }
        if let code = errno(of: error) { return reason(errno: code) }
        let text = String(describing: error)
        // A multi-line dump (a library's debug description) is cut to its first line.
        return text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
    }

    /// A Foundation file error: which file, and why, without the `NSCocoaErrorDomain` dump.
    static func file(_ error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path
        let what = path.map { " \($0)" } ?? ""
        let underlying = (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { nested in
            nested.domain == NSPOSIXErrorDomain ? reason(errno: Int32(nested.code)) : nil
        }
        switch error.code {
        case .fileWriteNoPermission, .fileReadNoPermission:
            return "cannot use\(what): permission denied; choose a file or directory you can write to"
        case .fileNoSuchFile, .fileReadNoSuchFile:
            return "cannot find\(what): no such file or directory"
        case .fileWriteOutOfSpace:
            return "cannot write\(what): no space left on the device"
        case .fileWriteVolumeReadOnly:
            return "cannot write\(what): the file system is read-only"
        case .fileWriteFileExists:
            return "cannot create\(what): it exists already"
        default:
            return "cannot use\(what): " + (underlying ?? "the file system refused (error \(error.code.rawValue))")
        }
    }

    /// The `errno` of a system-call failure as SwiftNIO describes it (`bind(…): Address already in use (errno: 98)`).
    public static func errno(of error: any Error) -> Int32? {
        let text = String(describing: error)
        guard let match = text.firstMatch(of: /\(errno: ([0-9]+)\)/) else { return nil }
        return Int32(match.1)
    }

    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "permission denied"
        case ENOENT: "no such file or directory"
        case ENOSPC: "no space left on the device"
        case EROFS: "the file system is read-only"
        case ENOTDIR: "a part of the path is a file, not a directory"
        case EADDRINUSE: "the address is in use (another server listens there)"
        case EADDRNOTAVAIL: "this machine has no such address"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
