// swift-tools-version:6.2
import PackageDescription

// Module graph: see docs/architecture.md. Arrows are the only allowed imports.
let package = Package(
    name: "gnapterm",
    products: [
        .executable(name: "gnapterm", targets: ["gnapterm"]),
        .library(name: "HTTPMessageSignatures", targets: ["HTTPMessageSignatures"]),
        .library(name: "GNAP", targets: ["GNAP"]),
        // For Benchmarks/ (AdminWatchBenchmark and ApproverBenchmarks drive the apps without a terminal).
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
        .library(name: "TerminalApps", targets: ["TerminalApps"]),
        .library(name: "TerminalSession", targets: ["TerminalSession"]),
        // For Benchmarks/ (InboxBenchmark talks to a running AS as an approver terminal does).
        .library(name: "GNAPClient", targets: ["GNAPClient"]),
        // Hummingbird middleware that protects any resource server's routes with GNAP (also used by Benchmarks/).
        .library(name: "GNAPResourceServer", targets: ["GNAPResourceServer"]),
        // For Benchmarks/ (HistoryScaleBenchmark times the stores at a million rows).
        .library(name: "GNAPStorage", targets: ["GNAPStorage"]),
        .library(name: "TerminalStorage", targets: ["TerminalStorage"]),
        // For Fuzz/ (the message text parser and the httpsig operations).
        .library(name: "HTTPSigTool", targets: ["HTTPSigTool"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // X.509 certificates as client keys (RFC 9635 §7.1 `cert`, §7.3.2 mtls).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-http-structured-headers", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // TLS for the AS and resource servers (ServerTLS) and client certificates (GNAPClient).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Tests only: reads Assets/openapi.yaml to check it against the router.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // RFC 9421 / RFC 9530 / JWK. Pure: no I/O, knows nothing of GNAP.
        .target(
            name: "HTTPMessageSignatures",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),
        // `gnapterm httpsig`: HTTP/1.1 message text, key files and the base/sign/verify operations. No I/O.
        .target(
            name: "HTTPSigTool",
            dependencies: [
                "HTTPMessageSignatures",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
            ]
        ),
        // RFC 9635 / RFC 9767 wire types, validation, user codes, state machines, store protocols. Pure.
        .target(
            name: "GNAP",
            dependencies: [
                "HTTPMessageSignatures",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(
            name: "GNAPStorage",
            dependencies: [
                "GNAP",
                // JWK columns and base64url cursors.
                "HTTPMessageSignatures",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // TLS for Hummingbird servers (the AS, resource servers): a certificate reloaded on SIGHUP without dropping
        // connections, client certificates asked for, the peer certificate of a request.
        .target(
            name: "ServerTLS",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The same AS store protocols on PostgreSQL, for several AS instances on one database.
        .target(
            name: "GNAPStoragePostgres",
            dependencies: [
                "GNAP",
                // Device JWK columns.
                "HTTPMessageSignatures",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "GNAPServer",
            dependencies: [
                "GNAP",
                "HTTPMessageSignatures",
                "ServerTLS",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1.1 child channel with the AS's connection limits (Connections/).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // ByteBuffer for the event stream, the peer address of the request context.
                .product(name: "NIOCore", package: "swift-nio"),
                // Sends `push` interaction finishes (RFC 9635 §4.2.2); NIOHTTP1 for its request method; NIOSSL for
                // the trust roots of https callbacks.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "GNAPClient",
            dependencies: [
                "GNAP",
                "HTTPMessageSignatures",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                // The interaction finish listener (RFC 9635 §4.2): a small local HTTP endpoint.
                .product(name: "NIOPosix", package: "swift-nio"),
                // Client certificates (mtls, RFC 9635 §7.3.2) and private trust roots.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // RS side of RFC 9635 §7 and RFC 9767: token, key proof and access checks for Hummingbird routes; introspection
        // signed with the RS's key through GNAPClient's SignedClient.
        .target(
            name: "GNAPResourceServer",
            dependencies: [
                "GNAP", "GNAPClient", "HTTPMessageSignatures", "ServerTLS",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The reference resource server (`gnapterm rs`): a notes API in SQLite behind GNAPResourceServer, registered
        // with the AS on start.
        .target(
            name: "ReferenceResourceServer",
            dependencies: [
                "GNAPResourceServer", "GNAPClient", "GNAP", "HTTPMessageSignatures", "ServerTLS",
                // The notes and the RS's key in a 0600 SQLite file (GNAPStorage's DatabaseFile).
                "GNAPStorage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The RFC 9767 example blocks (Fixtures/) and what each one is, for test targets only.
        .target(name: "RFCExampleSupport", dependencies: ["GNAP"], exclude: ["Fixtures"]),
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Generic terminal toolkit: canvas, widgets, keymap, run loop, curses and virtual terminals.
        .target(name: "TerminalUI", dependencies: ["CNCursesW"]),
        // ISO/IEC 18004 QR code encoder (byte mode, levels L–H, versions 1–40) for the device display. Pure, no
        // dependencies.
        .target(name: "QRCode"),
        // Running child processes from tests (never linked into the executable).
        .target(name: "ChildProcessTestSupport"),
        // Temporary directories that tests make, removed when the test process exits.
        .target(name: "TempDirTestSupport"),
        // A fresh AS store of each backend per test (SQLite in a temporary directory, PostgreSQL in a schema of its
        // own on the cluster scripts/test starts), for the parameterized store suite (test targets only).
        .target(
            name: "ASBackendTestSupport",
            dependencies: [
                "GNAP", "GNAPStorage", "GNAPStoragePostgres", "TempDirTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A grant store that makes racing requests meet before their transactions (test targets only).
        .target(name: "GNAPStoreTestSupport", dependencies: ["GNAP"]),
        // Golden-screen helpers for test targets only (never linked into the executable).
        .target(name: "TerminalUITestSupport", dependencies: ["TerminalUI"]),
        // PNG images and zbarimg (Debian's zbar-tools), an independent QR code reader, for the QR code tests.
        .target(name: "QRScanTestSupport", dependencies: ["ChildProcessTestSupport"]),
        // The terminal side without a screen: local store protocols, device keys and their sealing, session wiring
        // (enrollment, the approver's backend over the interaction API), the device mode's flow. No curses.
        .target(
            name: "TerminalSession",
            dependencies: [
                "GNAP", "GNAPClient", "HTTPMessageSignatures",
                // Sealing the device key under a passphrase: scrypt (CryptoExtras) and AES-GCM.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                // The device's self-signed certificate for mtls.
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // The terminal's local SQLite store (GRDB): implements TerminalSession's store protocols.
        .target(
            name: "TerminalStorage",
            dependencies: [
                "TerminalSession", "GNAPStorage", "GNAP", "HTTPMessageSignatures",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The screens: approver app, admin watch view, device display, review, plain mode, printed output, prompts.
        .target(name: "TerminalApps", dependencies: ["TerminalSession", "TerminalUI", "GNAP", "GNAPClient", "QRCode"]),
        .executableTarget(
            name: "gnapterm",
            dependencies: [
                "GNAP", "GNAPStorage", "GNAPStoragePostgres", "GNAPServer", "GNAPClient", "TerminalUI", "TerminalApps",
                "TerminalSession", "TerminalStorage", "HTTPMessageSignatures", "HTTPSigTool", "ReferenceResourceServer",
                "ServerTLS",
                // `serve --trust-client-cert-header` is checked as a field name.
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "HTTPMessageSignaturesTests",
            dependencies: [
                "HTTPMessageSignatures",
                // Conformance tests read the RFC's HTTP/1.1 example messages with the tool's message parser.
                "HTTPSigTool",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "RawStructuredFieldValues", package: "swift-http-structured-headers"),
                // Conformance tests: recompute RFC 9530's legacy digests (md5, sha) and generate P-384 keys.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "HTTPSigToolTests",
            dependencies: [
                "HTTPSigTool", "HTTPMessageSignatures", .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "GNAPTests",
            dependencies: [
                "GNAP", "HTTPMessageSignatures", "RFCExampleSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Self-signed certificates for the key format and mtls tests.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "GNAPResourceServerTests",
            dependencies: [
                "GNAPResourceServer", "GNAP", "GNAPClient", "HTTPMessageSignatures",
                // openssl-made client certificates for the mtls tests, the RS over its own TLS.
                "ChildProcessTestSupport", "ServerTLS",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The AS's RS-facing API and the reference RS together, in process and over real sockets.
        .testTarget(
            name: "ResourceServerFlowTests",
            dependencies: [
                "ReferenceResourceServer", "GNAPResourceServer", "GNAPServer", "GNAPStorage", "GNAPClient", "GNAP",
                "HTTPMessageSignatures",
                // `gnapterm call` (ResourceCallCommand) against the live stack; the stack over TLS.
                "TerminalSession", "ServerTLS", "ChildProcessTestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "GNAPStorageTests",
            dependencies: [
                "GNAPStorage", "GNAPStoragePostgres", "GNAP", "HTTPMessageSignatures", "ASBackendTestSupport",
            ]
        ),
        .testTarget(
            name: "TerminalStorageTests",
            dependencies: [
                "TerminalStorage", "TerminalSession", "GNAPStorage", "GNAP", "HTTPMessageSignatures",
                .product(name: "GRDB", package: "GRDB.swift"),
                // `device token rotate-key` against a scripted AS, on the real store.
                "GNAPClient", .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "GNAPServerTests",
            dependencies: [
                "GNAPServer", "GNAPStorage", "GNAP", "HTTPMessageSignatures", "GNAPStoreTestSupport", "ServerTLS",
                "ASBackendTestSupport",
                // openssl-made certificates for the mtls, TLS and push tests.
                "ChildProcessTestSupport",
                // The RFC 9767 request examples sent to the AS.
                "RFCExampleSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                // The start-up order tests run the assembled services as `serve` does; the serve log tests read its
                // lines back through a recording log handler.
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The RFC 9635 examples the RFCExample tests read at run time, and the script that extracted them.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GNAPClientTests",
            dependencies: [
                "GNAPClient", "GNAPServer", "GNAPStorage", "GNAP", "HTTPMessageSignatures", "GNAPStoreTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "TerminalUITests",
            // GNAP only for its ManualClock (the runner is generic over any Clock).
            dependencies: ["TerminalUI", "TerminalUITestSupport", "GNAP"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TerminalAppsTests",
            dependencies: [
                "TerminalApps", "TerminalSession", "TerminalUI", "TerminalUITestSupport", "GNAP", "GNAPClient",
                "QRCode",
                "HTTPMessageSignatures",
                // Key sealing and history search against the real local store (in memory).
                "TerminalStorage",
                // The device screen's QR code, rendered as a terminal would show it, read by zbarimg.
                "QRScanTestSupport",
                // A stand-in AS behind the HTTPTransport seam (key rotation picked up by a running approver).
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Snapshots"]
        ),
        // Checks the QR encoder against an independent reader: zbarimg (Debian's zbar-tools) on rendered PNGs.
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "QRScanTestSupport"]),
        // The durability test drives the AS with the project's clients and reads its database after `kill -9`; the
        // load-balanced test signs a request to send it through nginx twice; python/: a GNAP client written with
        // joserfc alone, run against `gnapterm serve`.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "gnapterm", "ChildProcessTestSupport", "GNAP", "GNAPClient", "GNAPStorage", "HTTPMessageSignatures",
                // Every directory a test makes is removed when the test process exits.
                "TempDirTestSupport",
                // The device's local store after a key rotation.
                "TerminalStorage",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["python"]
        ),
        // The fault suite: `kill -9` of `gnapterm serve` under load, and connection exhaustion under `ulimit -n 1024`.
        .testTarget(
            name: "FaultTests",
            dependencies: [
                "gnapterm", "GNAPClient", "GNAP", "GNAPStorage", "HTTPMessageSignatures",
            ]
        ),
        // Signs and verifies against the independent PyPI libraries http-message-signatures and joserfc (pinned in
        // Tests/python-requirements.txt).
        .testTarget(
            name: "InteropTests",
            dependencies: [
                "HTTPMessageSignatures", "GNAP", "ChildProcessTestSupport",
                // A live AS and the reference RS for the RFC 9767 interop tests (the AS's JWT with joserfc, a
                // Python-signed call to the RS).
                "GNAPServer", "GNAPStorage", "GNAPClient", "GNAPResourceServer", "ReferenceResourceServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["python"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
