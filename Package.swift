// swift-tools-version:6.2
import PackageDescription

/// Settings every Swift target of ours carries (STYLE.md §2).
let strictSettings: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1 = Target.Dependency.product(name: "NIOHTTP1", package: "swift-nio")
let configuration = Target.Dependency.product(name: "Configuration", package: "swift-configuration")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let serviceLifecycleTestKit = Target.Dependency.product(
    name: "ServiceLifecycleTestKit",
    package: "swift-service-lifecycle"
)
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let httpTypes = Target.Dependency.product(name: "HTTPTypes", package: "swift-http-types")

let package = Package(
    name: "assetd",
    products: [
        .executable(name: "assetd", targets: ["assetd"]),
        .executable(name: "assetctl", targets: ["assetctl"]),
        .library(name: "AssetParser", targets: ["AssetParser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(
            url: "https://github.com/apple/swift-configuration",
            from: "1.4.0",
            traits: [.defaults, "CommandLineArguments"]
        ),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: Libraries
        .target(name: "AssetParser", swiftSettings: strictSettings),
        .target(name: "AssetAPI", swiftSettings: strictSettings),
        .target(name: "AssetFetch", dependencies: ["CAssetCurl", logging], swiftSettings: strictSettings),
        .target(name: "AssetStore", dependencies: [grdb, crypto, logging], swiftSettings: strictSettings),
        .target(
            name: "AssetCLI",
            dependencies: ["AssetAPI", "AssetParser", "AssetFetch", argumentParser],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AssetDaemon",
            dependencies: [
                "AssetAPI", "AssetParser", "AssetFetch", "AssetStore", "CAssetSystem", configuration, logging,
                argumentParser, hummingbird, httpTypes, serviceLifecycle, unixSignals, prometheus,
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AssetTestSupport",
            dependencies: [nioCore, nioPosix, nioHTTP1, crypto],
            swiftSettings: strictSettings
        ),

        // MARK: C shims
        .target(
            name: "CAssetCurl",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [.linkedLibrary("curl")]
        ),
        .target(name: "CAssetSystem"),

        // MARK: Executables
        .executableTarget(
            name: "assetd",
            dependencies: ["AssetDaemon", argumentParser],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "assetctl", dependencies: ["AssetCLI", argumentParser], swiftSettings: strictSettings),
        .executableTarget(
            name: "assetbench",
            dependencies: ["AssetParser", "AssetFetch", "AssetStore", "AssetTestSupport", argumentParser, crypto],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "storecrash",
            dependencies: ["AssetStore", argumentParser],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(name: "AssetParserTests", dependencies: ["AssetParser"], swiftSettings: strictSettings),
        .testTarget(
            name: "AssetCLITests",
            dependencies: ["AssetCLI", "AssetAPI", "AssetParser", "AssetFetch", "AssetTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AssetFetchTests",
            dependencies: ["AssetFetch", "AssetTestSupport", crypto],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AssetAPITests", dependencies: ["AssetAPI"], swiftSettings: strictSettings),
        .testTarget(
            name: "AssetDaemonTests",
            dependencies: [
                "AssetDaemon", "AssetAPI", "AssetParser", "AssetFetch", "AssetStore", "AssetTestSupport", logging,
                argumentParser, hummingbird, serviceLifecycle, serviceLifecycleTestKit,
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["AssetAPI", "AssetTestSupport", crypto],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AssetStoreTests", dependencies: ["AssetStore", crypto], swiftSettings: strictSettings),
    ]
)
