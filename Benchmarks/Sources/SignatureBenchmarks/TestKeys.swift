import HTTPMessageSignatures

/// Fixed keys, so that runs are comparable and callgrind counts repeat: the published test keys of RFC 9421
/// Appendix B.1 (which has no P-384 key; that one is a fixed scalar chosen here). All are public test material.
enum TestKeys {
    /// RFC 9421 B.1.4 `test-key-ed25519`.
    static let ed25519 = JWK(
        kty: "OKP", crv: "Ed25519", x: "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs",
        d: "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU")

    /// RFC 9421 B.1.3 `test-key-ecc-p256`.
    static let p256 = JWK(
        kty: "EC", crv: "P-256", x: "qIVYZVLCrPZHGHjP17CTW0_-D9Lfw0EkjqF7xB4FivA",
        y: "Mc4nN9LTDOBhfoUeg8Ye9WedFRhnZXZJA12Qp0zZ6F0", d: "UpuF81l-kOxbjf7T4mNSv0r5tN67Gim7rnf6EFpcYDs")

    /// A fixed P-384 private scalar (48 bytes); the public point is derived from it.
    static let p384Scalar: [UInt8] = (0..<48).map { UInt8(truncatingIfNeeded: 0x5A &+ $0 &* 29) }

    /// RFC 9421 B.1.5 `test-shared-secret` (64 bytes, standard base64).
    static let sharedSecret =
        "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ=="

    /// RFC 9421 B.1.2 `test-key-rsa-pss` (2048 bits), used for both RSA algorithms.
    static var rsa: JWK {
        var jwk = JWK(
            kty: "RSA",
            n:
                "r4tmm3r20Wd_PbqvP1s2-QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct-Lh1GH45x28Rw3Ry53mm-oAXjyQ86OnDkZ5N8lYbggD4O"
                + "3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHqgDsznjPFmTOtCEcN2Z1FpWgchwuYLPL-Wokqltd11nqqzi-bJ9cvSKADYdUAAN5W"
                + "Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4aOT9v6d-nb4bnNkQVklLQ3fVAvJm-xdDOp9LCNCN"
                + "48V2pnDOkFV6-U9nV5oyc6XI2w",
            e: "AQAB")
        jwk.d =
            "lAfIqfpCYomVShfAKnwf2lD9I0wKjkHsCtZCif4kAlwQqqW6N-tIL3bdOR-VWf0Q1ZBIDtpO91UrG7pansyrPERbNrRJlPiYEyPTHkCT1nD-"
            + "l2isuiyGLNBNnFoKfBgA4KAbPJZQatFIV9Cn34JSHnpN5-2ehreGBYHtkwHFtlmzeF3yu5bqRcqOhx8lkYmBzDAEUFyyXjknU5-WjAT9DzuG"
            + "0MpOTkcU1EnjnIjyVBZLUB5Lxm8puyq8hH8B_E5LNC-1oc8j-tDy98UvRTTiYvZvs87cGCFxg0LijNhg7CE3g9piNqB6DzMgA9MHSOwcElVt"
            + "fKdYfo4H3OHZXsSmEQ"
        jwk.p =
            "5V-6ISI5yEaCFXm-fk1EM2xwAWekePVCAyvr9QbTlFOCZwt9WwjUjhtKRusi5Uq-IYZ_tq2WRE4As4b_FHEMtp2AER43IcvmXPqKFBoUktVD"
            + "S7dThIHrsnRi1U7dHqVdwiMEMe5jxKNgnsKLpnq-4NyhoS6OeWu1SFozG9J9xQk"
        jwk.q =
            "w-wIde17W5Y0Cphp3ZZ0uM8OUq1AkrV2IKauqYHaDxAT32EM4ci2MMER2nIUEo4g_42lW0zYouFFqONwv0-HyOsgPpdSqKRC5WLgn0VXabja"
            + "Ncy6KhNPXeJ0AgtqdiDwPeJ2_L_eKwNWQ43RfdQBUquAwSd7SEmmQ8sViqB628M"
        return jwk
    }
}
