import Glibc

/// `gnapterm device --output FILE`: the file the tokens are written to. Opened before the grant request is sent, so
/// a bad path fails before anyone is asked to approve anything; created with mode 0600 (an existing file is set to
/// 0600 too); a symbolic link is refused (`O_NOFOLLOW`), so the token cannot be redirected into another file; a
/// file this run created is removed again when no token arrives.
struct TokenOutputFile: Sendable {
    let path: String
    private let descriptor: Int32
    private let created: Bool

    private init(path: String, descriptor: Int32, created: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.created = created
    }

    /// Opens (creating when needed) `path` for the token.
    static func open(_ path: String) throws(SessionError) -> TokenOutputFile {
        guard !path.isEmpty else { throw SessionError("--output needs a file name") }
        var created = true
        var descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0, errno == EEXIST {
            created = false
            descriptor = Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else { throw Self.failure(path, errno) }
        var status = stat()
        // 0o170000 is S_IFMT, 0o100000 S_IFREG (spelled out: Glibc imports the macros with other integer types).
        guard fstat(descriptor, &status) == 0, status.st_mode & 0o170000 == 0o100000 else {
            Glibc.close(descriptor)
            throw SessionError("cannot write the token to \(path): not a regular file")
        }
        guard fchmod(descriptor, 0o600) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Self.failure(path, code)
        }
        return TokenOutputFile(path: path, descriptor: descriptor, created: created)
    }

    /// Replaces the file's content with `text` and closes it.
    func write(_ text: String) throws(SessionError) {
        defer { Glibc.close(descriptor) }
        guard ftruncate(descriptor, 0) == 0 else { throw Self.failure(path, errno) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Self.failure(path, errno) }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else { throw Self.failure(path, errno) }
    }

    /// Closes the file without a token; removes it when this run created it.
    func discard() {
        Glibc.close(descriptor)
        if created { unlink(path) }
    }

    private static func failure(_ path: String, _ code: Int32) -> SessionError {
        if code == ELOOP {
            return SessionError("cannot write the token to \(path): it is a symbolic link, which --output refuses")
        }
        return SessionError("cannot write the token to \(path): " + String(cString: strerror(code)))
    }
}
