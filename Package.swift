// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Podium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "podium", targets: ["podium"]),
        .executable(name: "ensemble", targets: ["ensemble"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Tabular", targets: ["Tabular"]),
    ],
    dependencies: [
        // SHA-256 and HMAC (BoringSSL's, 6x the hand-written SHA-256 on a 100 MB upload); already built for postgres-nio.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        // Already in the graph through Hummingbird; named here because WebServer uses them directly: request and
        // scoring metrics (swift-metrics), the workers and the notifier as services of `podium serve`.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.9.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        // The Prometheus exposition of those metrics (one small target over swift-atomics, also in the graph).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Byte-level RFC 4180 CSV into id-keyed columns; no dependencies.
        .target(name: "Tabular"),
        // Pure metric functions with scikit-learn semantics; no dependencies. (Not "Metrics": swift-metrics,
        // which Hummingbird uses, already has a target of that name.)
        .target(name: "MLMetrics"),
        // The monotonic clock: deadlines, measured durations and a condition whose timed waits ignore the wall
        // clock (which tests set and machines step); no dependencies.
        .target(name: "Timekeeping", dependencies: ["CMonotonic"]),
        // pthread_cond_clockwait, which Swift's Glibc module leaves out (it needs _GNU_SOURCE).
        .target(name: "CMonotonic"),
        // Answer keys, submission validation, task and composite scores.
        // zlib (Debian's zlib1g-dev) inflates the entries of uploaded zip archives.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's mallopt, which Swift's Glibc module leaves out (for `ensemble`'s allocator settings).
        .systemLibrary(name: "CMalloc"),
        .target(name: "Scoring", dependencies: ["Tabular", "MLMetrics", "CZlib", "Timekeeping"]),
        // Voting, means, stacking and ensemble selection over prediction files; no server, no database.
        // Scoring for the task file formats (TaskFormat), so an ensemble reads and writes what the platform takes.
        .target(name: "Ensembling", dependencies: ["Tabular", "MLMetrics", "Scoring"]),
        .executableTarget(
            name: "ensemble",
            dependencies: [
                "Ensembling", "Competitions", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // An event's archive as a file: a gzip'd tar streamed both ways, every part hashed, a manifest last.
        .target(
            name: "EventArchive", dependencies: ["Tabular", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        // Fair-play signals, pure: error patterns and their agreement, prediction digests, probing trends,
        // addresses hashed under an event's key.
        .target(
            name: "FairPlay", dependencies: ["Scoring", "MLMetrics", .product(name: "Crypto", package: "swift-crypto")]),
        // The domain, pure: competition config (YAML) and its check, rounds, quotas, ranking, advancement.
        .target(name: "Competitions", dependencies: ["Scoring", .product(name: "Yams", package: "Yams")]),
        // Every query, behind one protocol: SQLite through GRDB (one box), PostgreSQL through postgres-nio
        // (several machines); the durable scoring queue, the outbox, the content-addressed file store.
        .target(
            name: "Storage",
            dependencies: [
                "Competitions", "Timekeeping", "PodiumAPI", "EventArchive", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // libcurl for outbound webhooks (Debian's libcurl4-openssl-dev).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Events to chat: Telegram, Slack/Mattermost, Discord, signed webhooks; the outbox dispatcher.
        .target(
            name: "Notifications",
            dependencies: ["Storage", "Competitions", "CCurl", .product(name: "Crypto", package: "swift-crypto")]),
        // The application: accepting submissions, scoring workers, round actions, standings.
        // The API's resources as Codable types: what the server answers and the CLI prints and reads.
        .target(name: "PodiumAPI", dependencies: ["Tabular"]),
        // Participants' programs run without a daemon: bubblewrap's namespaces, a cgroup per run, the
        // measurements (MOROCCO's protocol). Linux only; no packages beyond Timekeeping and the API's types.
        .target(name: "Sandbox", dependencies: ["Timekeeping", "PodiumAPI", "CSpawn"]),
        // pipe2 and posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module leaves out (_GNU_SOURCE).
        .target(name: "CSpawn"),
        .target(
            name: "Platform",
            dependencies: [
                "Storage", "Competitions", "Scoring", "Ensembling", "PodiumAPI", "Timekeeping", "Sandbox", "EventArchive",
                "FairPlay",
            ]),
        // Hummingbird in front of Platform: the JSON API, server-rendered pages, uploads, sessions.
        .target(
            name: "WebServer",
            dependencies: [
                "Platform",
                "PodiumAPI",
                "Notifications",
                "Tabular",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "podium",
            dependencies: [
                "Platform",
                "PodiumAPI",
                "EventArchive",
                "WebServer",
                "Notifications",
                "Scoring",
                "Timekeeping",
                "Sandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The demo's fake Telegram (`podium demo --fake-chat`); already built for WebServer.
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // MLMetrics for its seeded generator (random files that read the same on every run).
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "MLMetrics"]),
        .testTarget(name: "MLMetricsTests", dependencies: ["MLMetrics"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EnsemblingTests", dependencies: ["Ensembling", "Scoring"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "Scoring"]),
        .testTarget(name: "CompetitionsTests", dependencies: ["Competitions"], exclude: ["Fixtures"]),
        // What the platform, web and notifier suites share: the database a test runs on (SQLite, or a fresh
        // PostgreSQL database under make test-postgres).
        // A local HTTP receiver for webhooks (the notifier's and the server's tests).
        .target(
            name: "TestSupport",
            dependencies: [
                "Storage", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/TestSupport"),
        .testTarget(
            name: "PlatformTests", dependencies: ["Platform", "TestSupport", "Ensembling", "Sandbox", "FairPlay"], exclude: ["Fixtures"]),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "Notifications", "Platform", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "WebServerTests",
            dependencies: [
                "WebServer", "Platform", "PodiumAPI", "Notifications", "TestSupport", "Sandbox", "EventArchive",
                .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["BadInput"]
        ),
        .testTarget(name: "TimekeepingTests", dependencies: ["Timekeeping"]),
        .testTarget(name: "FairPlayTests", dependencies: ["FairPlay", "Scoring", "MLMetrics"]),
        // The store's contract: the same operations on SQLite and (under make test-postgres) PostgreSQL.
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "Competitions", "TestSupport", "Timekeeping", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EventArchiveTests", dependencies: ["EventArchive"]),
    ],
    swiftLanguageModes: [.v6]
)
