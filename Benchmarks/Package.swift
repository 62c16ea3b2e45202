// swift-tools-version:6.2
import PackageDescription

// A separate package so that the root package's `swift build` / `swift test` (and CI) never build or run the
// benchmarks. See docs/performance.md for how to run them.
let package = Package(
    name: "gnapterm-benchmarks",
    dependencies: [
        // The root package, referenced by path. Its identity is the name of the checkout's directory, so the
        // products below name it through `name:` instead.
        .package(name: "gnapterm", path: ".."),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // ASLoadBenchmark's set-up traffic (enrolment, grants whose answers it needs, the admin listing walk).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "SignatureBenchmarks",
            dependencies: [
                .product(name: "GNAP", package: "gnapterm"),
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // 50,000 pending grants and 1,000 events a second through the `gnapterm admin` view's model and screen.
        .executableTarget(
            name: "AdminWatchBenchmark",
            dependencies: [
                .product(name: "GNAP", package: "gnapterm"),
                .product(name: "TerminalUI", package: "gnapterm"),
                .product(name: "TerminalApps", package: "gnapterm"),
            ]
        ),
        // A GNAP resource server's request check with a cached introspection against the bare Ed25519 verification.
        .executableTarget(
            name: "ResourceServerBenchmark",
            dependencies: [
                .product(name: "GNAP", package: "gnapterm"),
                .product(name: "GNAPResourceServer", package: "gnapterm"),
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Cold start to first frame, key-to-frame latency and cells changed per keystroke of `gnapterm approve`.
        .executableTarget(
            name: "ApproverBenchmarks",
            dependencies: [
                .product(name: "GNAP", package: "gnapterm"),
                .product(name: "TerminalUI", package: "gnapterm"),
                .product(name: "TerminalApps", package: "gnapterm"),
                .product(name: "TerminalSession", package: "gnapterm"),
            ]
        ),
        // A release `gnapterm serve` under load from wrk: grant creation, polling, token rotation, approver code
        // lookup and the admin listing, next to the bare Ed25519 verification (Benchmarks/as-load.sh).
        .executableTarget(
            name: "ASLoadBenchmark",
            dependencies: [
                .product(name: "GNAP", package: "gnapterm"),
                .product(name: "HTTPMessageSignatures", package: "gnapterm"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
