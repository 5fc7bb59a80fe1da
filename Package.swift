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

let package = Package(
    name: "assetd",
    products: [
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
            dependencies: ["AssetAPI", "AssetParser", configuration, logging],
            swiftSettings: strictSettings
        ),
        .target(
            name: "AssetTestSupport",
            dependencies: [nioCore, nioPosix, nioHTTP1, crypto],
            swiftSettings: strictSettings
        ),

        // MARK: C shim
        .target(
            name: "CAssetCurl",
            cSettings: [.define("_GNU_SOURCE")],
            linkerSettings: [.linkedLibrary("curl")]
        ),

        // MARK: Executables
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
            dependencies: ["AssetCLI", "AssetAPI", "AssetParser", "AssetFetch"],
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
            dependencies: ["AssetDaemon", "AssetAPI", "AssetParser", logging],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "AssetStoreTests", dependencies: ["AssetStore", crypto], swiftSettings: strictSettings),
    ]
)
