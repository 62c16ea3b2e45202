// swift-tools-version:6.2
import PackageDescription

// Coverage-guided fuzzing with libFuzzer, one executable per fuzz target. A separate package so that the root
// package's `swift build` / `swift test` never build it: `run.sh` builds it with `-sanitize=fuzzer` and runs each
// target on its corpus. See docs/fuzzing.md.
let package = Package(
    name: "gnapterm-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package, referenced by path. Its identity is the name of the checkout's directory, so the
        // products below name it through `name:` instead.
        .package(name: "gnapterm", path: ".."),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-http-structured-headers", from: "1.7.0"),
    ],
    targets: [
        // libFuzzer's driver, which each target's main calls (SwiftPM gives executables its own entry point).
        .target(name: "CFuzzerDriver"),
        // What every fuzz target shares: running libFuzzer, reading the input, stopping when an invariant breaks.
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"]),
        // Differential: the fast Dictionary parser against swift-http-structured-headers' parser.
        .executableTarget(
            name: "StructuredDictionaryFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),
        // Signature-Input, Signature, Content-Digest and Want-Content-Digest field values.
        .executableTarget(
            name: "SignatureFieldsFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),
        // Whole HTTP/1.1 messages: signature bases, verification, and sign-then-verify through `gnapterm httpsig`.
        .executableTarget(
            name: "MessageSignatureFuzzer",
            dependencies: [
                "FuzzSupport",
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "HTTPSigTool", package: "gnapterm"),
            ]
        ),
        // The HTTP/1.1 message text parser of `gnapterm httpsig`.
        .executableTarget(
            name: "HTTPMessageTextFuzzer",
            dependencies: ["FuzzSupport", .product(name: "HTTPSigTool", package: "gnapterm")]
        ),
        // Grant request bodies (RFC 9635 §2) through the decoder and the validator.
        .executableTarget(
            name: "GrantRequestFuzzer",
            dependencies: ["FuzzSupport", .product(name: "GNAP", package: "gnapterm")]
        ),
        // What a person types as a user code or an enrollment code.
        .executableTarget(
            name: "UserCodeFuzzer",
            dependencies: ["FuzzSupport", .product(name: "GNAP", package: "gnapterm")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
