import ArgumentParser
import AssetTestSupport
import Foundation

/// The release `assetd` started for `assetbench e2e` with its own state, cache and socket, and the `assetctl`
/// calls made against it.
///
/// The socket lives in a short directory of its own under `/tmp` (Unix socket paths are limited to 107 bytes);
/// state, cache and logs go below `directory`, a fresh directory of the benchmark's scratch directory, so every
/// daemon starts empty. ``stop()`` ends the daemon and removes the socket directory; call it on
/// every path.
struct EndToEndDaemon {
    let process: ChildProcess
    let assetctl: String
    let socket: String
    /// Holds `state/`, `cache/` and `log/` of this daemon.
    let directory: String
    private let socketDirectory: TemporaryDirectory

    /// The daemon's process id.
    var pid: Int32 { process.pid }

    /// The path of the index database.
    var databasePath: String { directory + "/state/index.sqlite" }

    /// Bytes of the SQLite index: `index.sqlite` plus its write-ahead log.
    var databaseBytes: Int {
        ProcessStatistics.fileBytes(databasePath) + ProcessStatistics.fileBytes(databasePath + "-wal")
    }

    /// Starts `assetd` and waits until `assetctl status` answers on its socket.
    ///
    /// - Parameters:
    ///   - name: the name of the daemon's directory under `scratch` (it must not exist yet).
    ///   - settings: configuration flags on top of socket, directories and `--allow-private-networks true`.
    /// - Throws: `ValidationError` when it exits during start or does not answer within 30 s.
    static func start(
        assetd: String,
        assetctl: String,
        name: String,
        settings: [String],
        scratch: TemporaryDirectory
    ) async throws -> EndToEndDaemon {
        let socketDirectory = try TemporaryDirectory(prefix: "ae2e-")
        let directory = scratch.appending(name)
        let logs = directory + "/log"
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            let socket = socketDirectory.appending("s")
            let process = try ChildProcess.start(
                assetd,
                [
                    "--socket", socket,
                    "--state-dir", directory + "/state",
                    "--cache-dir", directory + "/cache",
                    "--allow-private-networks", "true",
                ] + settings,
                removingEnvironment: ["ASSETD_SOCKET"],
                outputDirectory: logs
            )
            let daemon = EndToEndDaemon(
                process: process,
                assetctl: assetctl,
                socket: socket,
                directory: directory,
                socketDirectory: socketDirectory
            )
            do {
                try await daemon.waitUntilAnswering()
            } catch {
                let log = daemon.errorTail()
                await daemon.stop()
                throw ValidationError("\(error)\n\(log)")
            }
            return daemon
        } catch {
            socketDirectory.remove()
            throw error
        }
    }

    private func waitUntilAnswering() async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let code = process.exitCode {
                throw ValidationError("assetd exited with \(code) during start")
            }
            if FileManager.default.fileExists(atPath: socket) {
                let probe = try await ProcessRunner.run(
                    assetctl,
                    ["status", "--socket", socket],
                    timeout: .seconds(10)
                )
                if probe.exitCode == 0 { return }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ValidationError("assetd did not answer on \(socket) within 30 s")
    }

    /// Runs `assetctl enqueue --wait` on the articles and returns the seconds until it exited 0.
    ///
    /// - Throws: `ValidationError` when it exits with another status.
    func enqueueAndWait(_ articles: [String]) async throws -> Double {
        let start = ContinuousClock.now
        let result = try await ProcessRunner.run(
            assetctl,
            ["enqueue", "--socket", socket, "--wait"] + articles,
            timeout: .seconds(3600)
        )
        let elapsed = EndToEndTable.seconds(ContinuousClock.now - start)
        guard result.exitCode == 0 else {
            let output = result.outputText.split(separator: "\n").suffix(20).joined(separator: "\n")
            throw ValidationError(
                "assetctl enqueue --wait exited with \(result.exitCode)\n\(output)\n\(result.standardError)"
            )
        }
        return elapsed
    }

    /// Runs `assetctl enqueue` (without `--wait`) on the articles and returns the seconds until it exited 0.
    ///
    /// - Throws: `ValidationError` when it exits with another status.
    func enqueue(_ articles: [String]) async throws -> Double {
        let start = ContinuousClock.now
        let result = try await ProcessRunner.run(
            assetctl,
            ["enqueue", "--socket", socket] + articles,
            timeout: .seconds(3600)
        )
        let elapsed = EndToEndTable.seconds(ContinuousClock.now - start)
        guard result.exitCode == 0 else {
            throw ValidationError("assetctl enqueue exited with \(result.exitCode)\n\(result.standardError)")
        }
        return elapsed
    }

    /// The asset counts by state, from `assetctl status --json`.
    ///
    /// - Throws: `ValidationError` when `assetctl status` fails.
    func assetCounts() async throws -> EndToEndAssetCounts {
        let result = try await ProcessRunner.run(assetctl, ["status", "--socket", socket, "--json"])
        guard result.exitCode == 0 else {
            throw ValidationError("assetctl status exited with \(result.exitCode): \(result.standardError)")
        }
        return try JSONDecoder().decode(StatusCounts.self, from: Data(result.standardOutput)).assets
    }

    /// Checks with `assetctl status --json` that exactly `count` assets are cached and none failed.
    ///
    /// - Throws: `ValidationError` otherwise.
    func expectCached(_ count: Int) async throws {
        let counts = try await assetCounts()
        guard counts.cached == count, counts.failed == 0 else {
            throw ValidationError(
                "status reports \(counts.cached) cached and \(counts.failed) failed, expected \(count) cached"
            )
        }
    }

    /// The last lines of the daemon's standard error.
    func errorTail() -> String {
        process.errorText.split(separator: "\n").suffix(20).joined(separator: "\n")
    }

    /// Stops the daemon (SIGTERM, SIGKILL after 10 s) and removes its socket directory. Its state, cache and logs
    /// stay until the benchmark's scratch directory is removed at the end (see ``EndToEndBench``).
    func stop() async {
        await process.stop(grace: .seconds(10))
        socketDirectory.remove()
    }
}

/// The asset counts by state of `GET /v1/status`.
struct EndToEndAssetCounts: Decodable {
    var queued: Int
    var fetching: Int
    var cached: Int
    var failed: Int
}

/// The part of `GET /v1/status` the benchmark reads.
private struct StatusCounts: Decodable {
    var assets: EndToEndAssetCounts
}
