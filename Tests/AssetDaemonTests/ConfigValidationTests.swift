import AssetDaemon
import AssetParser
import Logging
import Testing

@Suite struct ConfigValidationTests {
    func problems(_ inputs: [DaemonConfiguration.Key: ConfigInput]) -> [String] {
        DaemonConfiguration.validate(inputs).problems.map(\.description)
    }

    @Test func typedInputsOfEveryShapeAreAccepted() {
        let (config, found) = DaemonConfiguration.validate([
            .maxCacheBytes: .integer(1 << 30), .maxObjectBytes: .text("1MiB"), .concurrency: .decimal(8),
            .perHost: .text("2"), .timeout: .decimal(12.5), .retryMaxDelay: .integer(60), .dpr: .integer(2),
            .viewport: .text("800"), .allowPrivateNetworks: .text("on"), .acceptTypes: .text("image/png, image/*"),
            .policy: .text("ALL"), .durability: .text("relaxed"), .logLevel: .text("warning"),
            .proxy: .text("socks5h://127.0.0.1:1080"), .caFile: .text("/etc/ssl/ca.pem"), .width: .text("none"),
        ])
        #expect(found.isEmpty)
        #expect(config.maxCacheBytes == 1 << 30)
        #expect(config.maxObjectBytes == 1 << 20)
        #expect(config.concurrency == 8)
        #expect(config.perHost == 2)
        #expect(config.timeout == .milliseconds(12500))
        #expect(config.retryMaxDelay == .seconds(60))
        #expect(config.viewport == 800)
        #expect(config.allowPrivateNetworks)
        #expect(config.acceptTypes == ["image/png", "image/*"])
        #expect(config.policy == .all)
        #expect(config.durability == .relaxed)
        #expect(config.logLevel == .warning)
        #expect(config.proxy == "socks5h://127.0.0.1:1080")
        #expect(config.caFile == "/etc/ssl/ca.pem")
        #expect(config.width == nil)
    }

    @Test func badValuesAreEachReportedAndReplacedByDefaults() {
        let (config, found) = DaemonConfiguration.validate([
            .concurrency: .integer(0), .retries: .text("many"), .dpr: .decimal(.infinity), .acceptTypes: .list([]),
            .userAgent: .text("a\nb"), .proxy: .text("ftp://x"), .caFile: .text("ca.pem"), .connectTimeout: .text("0s"),
            .allowPrivateNetworks: .text("maybe"), .maxCacheBytes: .boolean(true), .width: .integer(-3),
        ])
        #expect(
            found.map(\.description) == [
                "max-cache-bytes: expected a byte size such as 512MiB, 2GB or 1048576, got true",
                "concurrency: 0 is out of range 1…1024",
                "connect-timeout: must be greater than zero",
                "retries: expected an integer, got 'many'",
                "accept-types: needs at least one media type, such as image/*",
                "user-agent: must be non-empty printable text on one line",
                "proxy: expected a proxy URL with scheme http, https, socks4, socks4a, socks5, socks5h, got 'ftp://x'",
                "ca-file: expected an absolute path, got 'ca.pem'",
                "allow-private-networks: expected true or false, got 'maybe'",
                "width: -3.0 is out of range 1.0…100000.0",
                "dpr: expected a number, got inf",
            ]
        )
        #expect(config == .defaults)
    }

    @Test func contradictionsAreReported() {
        #expect(
            problems([
                .concurrency: .integer(2), .perHost: .integer(3), .retryBaseDelay: .text("2m"),
                .retryMaxDelay: .text("1m"),
                .maxCacheBytes: .text("1MiB"), .maxObjectBytes: .text("2MiB"), .connectTimeout: .text("1m"),
                .timeout: .text("30s"),
            ]) == [
                "per-host: 3 exceeds concurrency 2",
                "retry-base-delay: 2m exceeds retry-max-delay 1m",
                "max-object-bytes: 2MiB exceeds max-cache-bytes 1MiB",
                "connect-timeout: 1m exceeds timeout 30s",
            ]
        )
    }

    @Test func zeroTimeoutMeansNoneAndDoesNotContradictConnectTimeout() {
        let (config, found) = DaemonConfiguration.validate([.timeout: .integer(0)])
        #expect(found.isEmpty)
        #expect(config.timeout == .zero)
    }

    @Test func mediaRangesAreChecked() {
        #expect(problems([.acceptTypes: .list(["image/*", "*/*", "image/svg+xml"])]).isEmpty)
        #expect(
            problems([.acceptTypes: .list(["image", "*/png", "image/png/x", "im age/png"])])
                == [
                    "accept-types: not a media type or range (type/subtype, type/*): 'image', '*/png', 'image/png/x', 'im age/png'"
                ]
        )
    }

    @Test func keysMapToFlagsAndEnvironmentVariables() {
        #expect(DaemonConfiguration.Key.maxCacheBytes.environmentVariable == "ASSETD_MAX_CACHE_BYTES")
        #expect(DaemonConfiguration.Key.stateDirectory.environmentVariable == "ASSETD_STATE_DIR")
        #expect(DaemonConfiguration.Key.allCases.count == 26)
    }

    @Test func selectionOptionsFollowTheSettings() {
        var config = DaemonConfiguration.defaults
        #expect(config.selectionOptions.acceptedTypes == nil)
        config.acceptTypes = ["image/webp", "image/jpeg"]
        config.width = 300
        config.policy = .smallest
        let options = config.selectionOptions
        #expect(options.acceptedTypes == ["image/webp", "image/jpeg"])
        #expect(options.width == 300)
        #expect(options.policy == .smallest)
        #expect(options.viewport == 1280)
    }
}
