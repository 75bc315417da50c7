// swift-tools-version:6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Strata",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "strata", targets: ["strata"]),
        .library(name: "Strata", targets: ["Strata"]),
        .library(name: "StrataPostgres", targets: ["StrataPostgres"]),
        .library(name: "StrataSQLite", targets: ["StrataSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPgQuery",
            providers: [.apt(["libpg-query-dev"])]
        ),
        // libpq's header at build time; the library itself (libpq5) is opened
        // on the first PostgreSQL connection (see Sources/CLibPQ/shim.h).
        .systemLibrary(
            name: "CLibPQ",
            providers: [.apt(["libpq-dev"])]
        ),
        // SQLite from the system (Debian's libsqlite3-dev), the same library
        // the sqlite3 shell uses.
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Strata",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "StrataPostgres",
            dependencies: [
                "Strata",
                "CPgQuery",
                "CLibPQ",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSwift
        ),
        .target(
            name: "StrataSQLite",
            dependencies: [
                "Strata",
                "CSQLite",
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "strata",
            dependencies: [
                "Strata",
                "StrataPostgres",
                "StrataSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "StrataTests",
            dependencies: ["Strata", "StrataPostgres", "StrataSQLite", "strata"],
            exclude: ["Fixtures"],
            swiftSettings: strictSwift
        ),
    ]
)
