import Foundation
import NIOSSL

/// Reads PEM files, each problem as one sentence naming the file.
public enum PEMFile {
    /// The certificates of a PEM file (at least one).
    public static func certificates(at path: String, what: String) throws(TLSSetupError) -> [NIOSSLCertificate] {
        let bytes = try read(path, what: what)
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(bytes), !certificates.isEmpty else {
            throw TLSSetupError("the \(what) file '\(path)' holds no PEM certificate")
        }
        return certificates
    }

    /// The private key of a PEM file.
    public static func privateKey(at path: String, what: String) throws(TLSSetupError) -> NIOSSLPrivateKey {
        let bytes = try read(path, what: what)
        guard let key = try? NIOSSLPrivateKey(bytes: bytes, format: .pem) else {
            throw TLSSetupError("the \(what) file '\(path)' holds no PEM private key")
        }
        return key
    }

    static func read(_ path: String, what: String) throws(TLSSetupError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TLSSetupError("cannot read the \(what) file '\(path)'")
        }
        return [UInt8](data)
    }
}
