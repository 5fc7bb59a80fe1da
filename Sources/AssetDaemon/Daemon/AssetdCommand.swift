package import ArgumentParser
import AssetAPI
import CAssetSystem
import Foundation
import Glibc
import Logging
import ServiceLifecycle
import UnixSignals

/// `assetd`: runs the daemon in the foreground until SIGTERM or SIGINT.
///
/// ArgumentParser handles only `--help`, `--version` and `--check-config`; every other argument goes to the
/// configuration loader (`--config FILE`, `--socket PATH`, `--state-dir DIR`, `--<key> VALUE`…), which reports every
/// problem at once. Exit status: 0 after a graceful shutdown, 78 for a bad configuration, 1 for any other failure
/// to start (another daemon holds the state directory, a directory is unusable, the index cannot be opened).
/// SIGPIPE is ignored from the start.
package struct AssetdCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "assetd",
        abstract: "Fetches the responsive images of articles into a content-addressed cache.",
        discussion: """
            Settings: --config FILE, then any key as --<key> VALUE or ASSETD_<KEY> in the environment \
            (socket, state-dir, cache-dir, max-cache-bytes, concurrency, per-host, connect-timeout, timeout, \
            low-speed-limit, low-speed-time, retries, retry-base-delay, retry-max-delay, max-object-bytes, \
            accept-types, user-agent, proxy, ca-file, connect-to, allow-private-networks, width, dpr, viewport, \
            policy, durability, log-level). Flags beat the environment, which beats the file.
            """,
        version: DaemonCore.version
    )

    @Flag(help: "Validate the configuration, print it as the daemon would use it, and exit.")
    package var checkConfig = false

    @Argument(parsing: .allUnrecognized, help: "Configuration flags: --<key> VALUE.")
    package var settings: [String] = []

    package init() {}

    package func run() async throws {
        // A peer that closes its end (a client leaving `GET /v1/events`, an origin resetting a connection) must
        // cost one write an EPIPE, never the process: libcurl runs with CURLOPT_NOSIGNAL and so installs no handler.
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        Self.limitMallocArenas(environment: environment)
        let loaded: LoadedConfiguration
        do {
            loaded = try await ConfigurationLoader.load(
                arguments: settings,
                environment: environment,
                workingDirectory: FileManager.default.currentDirectoryPath
            )
        } catch {
            FileHandle.standardError.write(Data("assetd: \(error.message)\n".utf8))
            throw ExitCode(ConfigError.exitStatus)
        }
        if checkConfig {
            print(
                "# paths: state \(loaded.paths.stateDirectory), cache \(loaded.paths.cacheDirectory), socket \(loaded.paths.socket)"
            )
            print(loaded.configuration.fileRepresentation())
            return
        }
        let output = LogOutput.standardError(environment: environment)
        let level = loaded.configuration.logLevel
        LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, output: output, logLevel: level) }
        let logger = Logger(label: "assetd")
        for warning in loaded.warnings {
            logger.warning("\(warning)")
        }
        let runtime: DaemonRuntime
        do {
            runtime = try await DaemonRuntime.open(loaded, environment: environment, logger: logger)
        } catch {
            logger.error("cannot start: \(Self.describe(error))")
            throw ExitCode.failure
        }
        defer { runtime.close() }
        do {
            try await runtime.makeServiceGroup(signals: [.sigterm, .sigint]).run()
        } catch {
            logger.error("stopped after an error: \(Self.describe(error))")
            throw ExitCode.failure
        }
        logger.info("stopped")
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DaemonError: error.message
        default: "\(error)"
        }
    }

    /// glibc gives each thread that allocates concurrently an arena of its own, up to eight per core, and keeps
    /// what they free. The daemon's many short-lived blocking threads (one per I/O lane) made that 20-25 MB of
    /// resident memory with 100,000 assets queued; two arenas per core cost no measurable throughput here.
    /// `MALLOC_ARENA_MAX` in the environment still decides when set.
    private static func limitMallocArenas(environment: [String: String]) {
        guard environment["MALLOC_ARENA_MAX"] == nil else { return }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        _ = assetsystem_set_malloc_arena_max(Int32(clamping: 2 * cores))
    }
}
