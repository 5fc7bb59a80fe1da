import AssetDaemon
import AssetParser
import Foundation
import Logging
import Testing

@Suite struct ConfigurationLoaderTests {
    let home = ["HOME": "/home/tester"]

    func load(
        _ arguments: [String],
        _ environment: [String: String] = [:],
        defaultFile: String = "/nonexistent/assetd.json"
    )
        async throws(ConfigError) -> LoadedConfiguration
    {
        try await ConfigurationLoader.load(
            arguments: arguments,
            environment: ["HOME": "/home/tester"].merging(environment) { _, new in new },
            workingDirectory: "/work",
            defaultFilePath: defaultFile
        )
    }

    func problems(_ arguments: [String], _ environment: [String: String] = [:]) async -> [ConfigProblem] {
        do {
            _ = try await load(arguments, environment)
            Issue.record("expected a ConfigError")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func flagsBeatEnvironmentBeatFileBeatDefaults() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "a.json",
            #"{"concurrency": 8, "max-cache-bytes": 1073741824, "policy": "largest"}"#
        )
        let environment = ["ASSETD_CONCURRENCY": "6", "ASSETD_MAX_CACHE_BYTES": "2GB"]

        let all = try await load(["--config", file, "--concurrency", "4", "--max-cache-bytes=512MiB"], environment)
        #expect(all.configuration.concurrency == 4)
        #expect(all.configuration.maxCacheBytes == 512 << 20)
        #expect(all.configuration.policy == .largest)

        let noFlags = try await load(["--config", file], environment)
        #expect(noFlags.configuration.concurrency == 6)
        #expect(noFlags.configuration.maxCacheBytes == 2_000_000_000)

        let fileOnly = try await load(["--config", file])
        #expect(fileOnly.configuration.concurrency == 8)
        #expect(fileOnly.configuration.maxCacheBytes == 1 << 30)
        #expect(fileOnly.file == file)

        let nothing = try await load([])
        #expect(nothing.configuration == .defaults)
        #expect(nothing.file == nil)
    }

    @Test func defaultFileIsReadWhenPresentAndConfigVariableNamesAnother() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let defaultFile = try directory.write("default.json", #"{"retries": 2}"#)
        let other = try directory.write("other.json", #"{"retries": 3}"#)
        #expect(try await load([], defaultFile: defaultFile).configuration.retries == 2)
        #expect(try await load([], ["ASSETD_CONFIG": other], defaultFile: defaultFile).configuration.retries == 3)
        #expect(try await load([], defaultFile: directory.file("absent.json")).configuration.retries == 5)
    }

    @Test func everyKindOfValueIsReadFromEachSource() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "a.json",
            #"{"timeout": 90, "dpr": 2, "accept-types": ["image/webp", "image/avif"], "allow-private-networks": true, "#
                + #""connect-to": ["img.example:443:127.0.0.1:8443"], "width": 640, "log-level": "debug"}"#
        )
        let fromFile = try await load(["--config", file]).configuration
        #expect(fromFile.timeout == .seconds(90))
        #expect(fromFile.dpr == 2)
        #expect(fromFile.acceptTypes == ["image/webp", "image/avif"])
        #expect(fromFile.allowPrivateNetworks)
        #expect(
            fromFile.connectTo == [
                ConnectToRule(host: "img.example", port: 443, connectHost: "127.0.0.1", connectPort: 8443)
            ]
        )
        #expect(fromFile.width == 640)
        #expect(fromFile.logLevel == .debug)

        let fromEnvironment = try await load(
            [],
            [
                "ASSETD_TIMEOUT": "1m30s", "ASSETD_ACCEPT_TYPES": "image/png,image/gif",
                "ASSETD_ALLOW_PRIVATE_NETWORKS": "yes",
                "ASSETD_CONNECT_TO": "a:80::8080,b:443:127.0.0.2:", "ASSETD_DPR": "1.5",
                "ASSETD_USER_AGENT": "bot/1 (x, y)",
            ]
        ).configuration
        #expect(fromEnvironment.timeout == .seconds(90))
        #expect(fromEnvironment.acceptTypes == ["image/png", "image/gif"])
        #expect(fromEnvironment.allowPrivateNetworks)
        #expect(fromEnvironment.connectTo.map(\.description) == ["a:80::8080", "b:443:127.0.0.2:"])
        #expect(fromEnvironment.dpr == 1.5)
        #expect(fromEnvironment.userAgent == "bot/1 (x, y)")

        let fromFlags = try await load(
            [
                "--allow-private-networks", "--connect-to", "[::1]:443:127.0.0.1:8443", "--user-agent", "bot/2 (a, b)",
                "--width", "320",
            ]
        ).configuration
        #expect(fromFlags.allowPrivateNetworks)
        #expect(fromFlags.connectTo.map(\.description) == ["[::1]:443:127.0.0.1:8443"])
        #expect(fromFlags.userAgent == "bot/2 (a, b)")
        #expect(fromFlags.width == 320)
    }

    @Test func malformedFileIsNamed() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let file = try directory.write("bad.json", #"{"concurrency": 8,,}"#)
        do {
            _ = try await load(["--config", file])
            Issue.record("expected a ConfigError")
        } catch {
            #expect(error.code == .malformedFile)
            #expect(error.message.contains(file))
            #expect(error.message.contains("character"))
            #expect(error.problems.count == 1)
        }
        let array = try directory.write("array.json", "[1, 2]")
        let arrayProblems = await problems(["--config", array])
        #expect(arrayProblems.map(\.kind) == [.malformedFile])
        #expect(arrayProblems.first?.message.contains(array) == true)
    }

    @Test func missingNamedFileIsUnreadable() async {
        do {
            _ = try await load(["--config", "/nonexistent/x.json"])
            Issue.record("expected a ConfigError")
        } catch {
            #expect(error.code == .unreadableFile)
            #expect(error.message.contains("/nonexistent/x.json"))
            #expect(error.message.contains("No such file"))
        }
    }

    @Test func everyProblemIsListedAtOnce() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let file = try directory.write(
            "a.json",
            #"{"concurency": 3, "per-host": 9, "retry-base-delay": "10m", "nested": {"a": 1}, "policy": "best"}"#
        )
        let found = await problems(
            ["--config", file, "--max-cache-byte", "1GiB", "--timeout", "soon", "--connect-to", "nonsense"],
            ["ASSETD_CONCURRENCY": "eight", "ASSETD_DPR": "0"]
        )
        let byKey = Dictionary(grouping: found, by: { $0.key ?? "" }).mapValues { $0.map(\.kind) }
        #expect(byKey["max-cache-byte"] == [.unknownKey])
        #expect(byKey["concurency"] == [.unknownKey])
        #expect(byKey["nested"] == [.unknownKey])
        #expect(byKey["timeout"] == [.invalidValue])
        #expect(byKey["connect-to"] == [.invalidValue])
        #expect(byKey["concurrency"] == [.invalidValue])
        #expect(byKey["dpr"] == [.invalidValue])
        #expect(byKey["policy"] == [.invalidValue])
        // concurrency was rejected, so per-host is not compared with it; the delays contradict.
        #expect(byKey["per-host"] == nil)
        #expect(byKey["retry-base-delay"] == [.contradiction])
        #expect(found.count == 9)
        let text = found.map(\.description)
        #expect(text.contains("concurrency: expected an integer, got 'eight' (from ASSETD_CONCURRENCY)"))
        #expect(
            text.contains {
                $0.hasPrefix("timeout: expected a duration") && $0.hasSuffix("got 'soon' (from --timeout)")
            }
        )
        #expect(text.contains("policy: expected one of fit, largest, smallest, all, got 'best' (from \(file))"))
        #expect(text.contains { $0.hasPrefix("connect-to: 'nonsense'") && $0.hasSuffix("(from --connect-to)") })
        #expect(text.contains("concurency: unknown key in \(file)"))
        #expect(text.contains("max-cache-byte: unknown flag --max-cache-byte"))
    }

    @Test func unknownAssetdVariablesAreWarningsNotErrors() async throws {
        let loaded = try await load(
            [],
            ["ASSETD_CONCURENCY": "4", "ASSETD_SOCKET": "/tmp/x.sock", "ASSETD_CONFIG": ""]
        )
        #expect(loaded.warnings.map(\.key) == ["ASSETD_CONCURENCY"])
        #expect(loaded.configuration.concurrency == 16)
        #expect(loaded.paths.socket == "/tmp/x.sock")
    }

    @Test func proxyPasswordsNeverAppearInProblems() async {
        let found = await problems(["--proxy", "ftp://user:hunter2@proxy.example:21"])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("ftp://user:***@proxy.example:21") == true)
        #expect(found.allSatisfy { !$0.description.contains("hunter2") })
    }

    @Test func flagWithoutValueIsAProblem() async {
        let found = await problems(["--concurrency"])
        #expect(found.map(\.description) == ["concurrency: --concurrency needs a value"])
    }

    @Test func pathsFollowSystemdAndXDG() async throws {
        let systemd = try await load(
            [],
            [
                "STATE_DIRECTORY": "/var/lib/assetd", "CACHE_DIRECTORY": "/var/cache/assetd",
                "RUNTIME_DIRECTORY": "/run/assetd",
            ]
        )
        #expect(
            systemd.paths
                == DaemonPaths(
                    stateDirectory: "/var/lib/assetd",
                    cacheDirectory: "/var/cache/assetd",
                    socket: "/run/assetd/assetd.sock"
                )
        )
        let user = try await load(["--state-dir", "state"], ["XDG_RUNTIME_DIR": "/run/user/1000"])
        #expect(user.paths.stateDirectory == "/work/state")
        #expect(user.paths.cacheDirectory == "/home/tester/.cache/assetd")
        #expect(user.paths.socket == "/run/user/1000/assetd/assetd.sock")
        #expect(user.paths.lockFile == "/work/state/assetd.lock")
    }

    @Test func tooLongSocketPathIsAConfigProblem() async {
        let long = "/tmp/" + String(repeating: "s", count: 100) + ".sock"
        let found = await problems(["--socket", long])
        #expect(found.map(\.kind) == [.path])
        #expect(found.first?.message.contains("107") == true)
    }

    @Test func configErrorCarriesExitStatus78() {
        #expect(ConfigError.exitStatus == 78)
        let error = ConfigError(problems: [
            ConfigProblem(.invalidValue, key: "retries", "x"), ConfigProblem(.path, "y"),
        ])
        #expect(error.code == .invalidConfiguration)
        #expect(error.message == "invalid configuration (2 problems):\n  retries: x\n  y")
    }
}
