// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Daftar",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "daftar", targets: ["daftar"]),
        .library(name: "EventStore", targets: ["EventStore"]),
        .library(name: "Postgres", targets: ["Postgres"]),
        .library(name: "Benefits", targets: ["Benefits"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // The system library: libpq from Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // JSON values with exact numbers, a canonical encoding for hashing, and JSON Schema validation.
        .target(
            name: "DaftarJSON",
            swiftSettings: swiftSettings
        ),
        // Safe Swift over libpq, and the embedded local cluster.
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The generic append-only event store. Knows nothing of benefits.
        .target(
            name: "EventStore",
            dependencies: [
                "Postgres",
                "DaftarJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        // The event catalogue's files, bundled. EventSchemas/ stays at the top level as the single source
        // of truth (DESIGN.md §2), but SwiftPM copies only resources under a target's path. So this
        // target's path is the package root; its sources are only Sources/EventSchemaResources (one
        // accessor, `EventSchemaFiles`) and its one resource is the EventSchemas folder, copied as is
        // (README, schemas, examples) and found at run time through `Bundle.module`. Nothing is
        // generated, nothing duplicated in the repository. The exclusions keep SwiftPM from reporting
        // the other targets' files as unhandled; a new top-level folder of sources belongs in the list.
        .target(
            name: "EventSchemaResources",
            path: ".",
            exclude: [
                "README.md", "Tests", "Ops", "Sources/CLibPQ", "Sources/DaftarJSON", "Sources/Postgres", "Sources/EventStore",
                "Sources/DaftarTesting", "Sources/daftar", "Sources/Benefits", "Sources/BenefitsLedger", "Sources/Audit",
                "Sources/ProjectionRunner", "Sources/ReadModels",
                "Sources/DemoCountry", "Sources/Planning", "Sources/PlanningLedger", "Sources/PersonalData", "Sources/PrivateSetIntersection",
            ],
            sources: ["Sources/EventSchemaResources"],
            resources: [.copy("EventSchemas"), .copy("Projections")],
            swiftSettings: swiftSettings
        ),
        // The benefits domain: event types, money, decisions. Pure: no I/O beyond reading its bundle.
        .target(
            name: "Benefits",
            dependencies: ["EventStore", "DaftarJSON", "EventSchemaResources"],
            swiftSettings: swiftSettings
        ),
        // Command handling over the store: load streams, fold, decide, append. The one place the
        // domain meets I/O, kept out of Benefits so that Benefits stays pure.
        .target(
            name: "BenefitsLedger",
            dependencies: ["Benefits", "EventStore", "DaftarJSON"],
            swiftSettings: swiftSettings
        ),
        // What auditors and programme managers ask of the ledger: histories, as known at a time.
        .target(
            name: "Audit",
            dependencies: ["Benefits", "EventStore", "Postgres", "DaftarJSON"],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        // The projection runner: builds read models from the log, exactly once, and swaps new versions
        // in without downtime. Generic over projections: knows partitions, tables and checkpoints.
        .target(
            name: "ProjectionRunner",
            dependencies: [
                "Postgres",
                "EventStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        // The benefits read models (eligibility, coverage, cost) over the projection runner.
        .target(
            name: "ReadModels",
            dependencies: ["ProjectionRunner", "Benefits", "EventStore", "Postgres", "DaftarJSON", "EventSchemaResources"],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        // A synthetic country's programme, end to end, from a seed: the domain's decisions run in memory. Pure.
        .target(
            name: "DemoCountry",
            dependencies: ["Benefits", "EventStore", "DaftarJSON"],
            swiftSettings: swiftSettings
        ),
        // Cost projections for the finance ministry: a cohort projection of a programme's caseload under
        // scenarios, from a pinned ledger position. Pure: the cohort comes in, the plan goes out.
        .target(
            name: "Planning",
            dependencies: ["Benefits", "EventStore", "DaftarJSON", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Where planning meets the store: the cohort read model, loading a cohort at a pin, and
        // published projections as ledger facts.
        .target(
            name: "PlanningLedger",
            dependencies: [
                "Planning", "ReadModels", "ProjectionRunner", "Benefits", "BenefitsLedger", "EventStore", "Postgres", "DaftarJSON",
                "EventSchemaResources",
            ],
            swiftSettings: swiftSettings
        ),
        // The personal-data vault (DESIGN.md §4): persons' details encrypted per person under a data key
        // wrapped by a master key, national ids as keyed hashes for matching, erasure by deleting the data
        // key, and every read recorded with its actor and purpose. Knows nothing of benefits.
        .target(
            name: "PersonalData",
            dependencies: [
                "Postgres",
                "EventStore",
                "DaftarJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        // Cross-matching with other ministries without either side seeing the other's data (DESIGN.md §1, §4):
        // a Diffie–Hellman private set intersection over X25519, its exchange files and the partner's CSV.
        // Pure: bytes in, bytes out; the CLI does the files, the keys' storage and the database.
        .target(
            name: "PrivateSetIntersection",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Throwaway clusters for tests, shared by every test target.
        .target(
            name: "DaftarTesting",
            dependencies: ["Postgres", "EventStore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "daftar",
            dependencies: [
                "Postgres",
                "EventStore",
                "Benefits",
                "Audit",
                "ProjectionRunner",
                "ReadModels",
                "DemoCountry",
                "BenefitsLedger",
                "DaftarJSON",
                "Planning",
                "PlanningLedger",
                "PersonalData",
                "PrivateSetIntersection",
                "EventSchemaResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaftarJSONTests",
            dependencies: ["DaftarJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "DaftarTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaftarCLITests",
            dependencies: ["daftar", "DaftarTesting", "EventStore", "Postgres", "DaftarJSON", "Benefits", "BenefitsLedger"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EventStoreTests",
            dependencies: ["EventStore", "DaftarTesting", "Postgres"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BenefitsTests",
            dependencies: ["Benefits", "DaftarJSON", "DaftarTesting", "EventStore", "EventSchemaResources"],
            swiftSettings: swiftSettings
        ),
        // The read models on a throwaway cluster: incremental equals rebuild, crashes, swaps, quarantines.
        .testTarget(
            name: "ReadModelsTests",
            dependencies: ["daftar", "ReadModels", "DemoCountry", "ProjectionRunner", "Benefits", "DaftarJSON", "DaftarTesting", "EventStore", "Postgres"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DemoCountryTests",
            dependencies: ["DemoCountry", "Benefits", "EventStore", "DaftarJSON", "DaftarTesting", "Postgres"],
            swiftSettings: swiftSettings
        ),
        // Cost projections: the method, ageing, thresholds and scenario files (pure), and backtests on the demo country.
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning", "PlanningLedger", "daftar", "ReadModels", "DemoCountry", "Benefits", "BenefitsLedger", "ProjectionRunner", "EventStore",
                "DaftarJSON", "DaftarTesting", "Postgres",
            ],
            swiftSettings: swiftSettings
        ),
        // The personal-data vault on a throwaway cluster: round trips, the access log, roles, CSV imports, crypto-shredding.
        .testTarget(
            name: "PersonalDataTests",
            dependencies: ["PersonalData", "DaftarTesting", "EventStore", "Postgres", "DaftarJSON"],
            swiftSettings: swiftSettings
        ),
        // Private set intersection: exactness at scale, unlinkability, the dictionary attack, bad files, and an
        // independent Python cross-check (Ops/matching/psi_crosscheck.py, with the `cryptography` package).
        .testTarget(
            name: "PrivateSetIntersectionTests",
            dependencies: ["PrivateSetIntersection", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The Ledger over a real store: end-to-end command handling on a throwaway cluster.
        .testTarget(
            name: "BenefitsLedgerTests",
            dependencies: ["Benefits", "BenefitsLedger", "Audit", "DaftarJSON", "DaftarTesting", "EventStore", "Postgres"],
            swiftSettings: swiftSettings
        ),
    ]
)
