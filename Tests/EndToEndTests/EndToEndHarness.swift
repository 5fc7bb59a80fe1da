import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// The binaries under test, built beside the test binary (`swift build --build-tests` builds both).
enum Binaries {
    static func path(_ name: String) throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent(name).path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "\(name) is not built beside the tests; run `swift build --build-tests` first"
        )
        return path
    }

    /// Runs the real assetctl against `socket` (appended as `--socket`).
    static func assetctl(_ arguments: [String], socket: String, timeout: Duration = .seconds(60)) async throws
        -> ProcessResult
    {
        try await ProcessRunner.run(try path("assetctl"), arguments + ["--socket", socket], timeout: timeout)
    }

    /// Runs assetctl and decodes its `--json` output.
    static func json<Document: Decodable>(_ type: Document.Type, _ arguments: [String], socket: String) async throws
        -> Document
    {
        let run = try await assetctl(arguments + ["--json"], socket: socket)
        try #require(run.exitCode == 0, "assetctl \(arguments) exited \(run.exitCode): \(run.standardError)")
        return try APIJSON.decode(type, from: Data(run.standardOutput))
    }
}

/// A daemon's private directories and config file, all below one short temporary directory.
struct DaemonSetup {
    let scratch: TemporaryDirectory
    var socket: String { scratch.appending("d.sock") }
    var configPath: String { scratch.appending("assetd.json") }
    var logPath: String { scratch.appending("assetd.log") }

    /// Writes the config: state, cache and socket in the scratch directory, loopback allowed, plus `extra` keys
    /// (JSON values as text).
    init(extra: [String: String] = [:]) throws {
        scratch = try TemporaryDirectory()
        var keys: [String: String] = [
            "socket": Self.quoted(scratch.appending("d.sock")),
            "state-dir": Self.quoted(scratch.appending("state")),
            "cache-dir": Self.quoted(scratch.appending("cache")),
            "allow-private-networks": "true",
            "retry-base-delay": "\"100ms\"",
            "retry-max-delay": "\"1s\"",
        ]
        keys.merge(extra) { _, new in new }
        let body = keys.sorted { $0.key < $1.key }.map { "    \(Self.quoted($0.key)): \($0.value)" }.joined(
            separator: ",\n"
        )
        try scratch.write("assetd.json", bytes: Array("{\n\(body)\n}\n".utf8))
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Waits until `condition` holds, checking every 100 ms.
    static func waitUntil(
        _ what: String,
        timeout: Duration = .seconds(60),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting until \(what)")
        throw CancellationError()
    }
}

/// A running `assetd` started with a config file; stopped by signal, killed at the latest when dropped.
///
/// Safety: `Process` is touched only through `isRunning`, `processIdentifier`, `terminationStatus` and
/// `waitUntilExit`, which Foundation guards itself; the test that owns the daemon drives it from one task.
final class DaemonProcess: @unchecked Sendable {
    let setup: DaemonSetup
    private let process: Process

    private init(setup: DaemonSetup, process: Process) {
        self.setup = setup
        self.process = process
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Starts assetd and waits until `assetctl status` answers.
    static func start(_ setup: DaemonSetup) async throws -> DaemonProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Binaries.path("assetd"))
        process.arguments = ["--config", setup.configPath]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": setup.scratch.path, "ASSETD_LOG_LEVEL": "debug"]
        if !FileManager.default.fileExists(atPath: setup.logPath) {
            _ = FileManager.default.createFile(atPath: setup.logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: setup.logPath))
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let daemon = DaemonProcess(setup: setup, process: process)
        try await DaemonSetup.waitUntil("assetd answers on \(setup.socket)\n\(daemon.log)", timeout: .seconds(30)) {
            guard daemon.process.isRunning else {
                Issue.record("assetd exited with \(daemon.process.terminationStatus) during start:\n\(daemon.log)")
                throw CancellationError()
            }
            return try await Binaries.assetctl(["status", "--json"], socket: setup.socket).exitCode == 0
        }
        return daemon
    }

    var log: String {
        (try? String(contentsOfFile: setup.logPath, encoding: .utf8)) ?? ""
    }

    var isRunning: Bool { process.isRunning }

    /// Sends `signal` and waits for the exit (SIGKILL after `grace`); returns the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, grace: Duration = .seconds(20)) async -> Int32 {
        if process.isRunning {
            kill(process.processIdentifier, signal)
        }
        let deadline = ContinuousClock.now + grace
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
