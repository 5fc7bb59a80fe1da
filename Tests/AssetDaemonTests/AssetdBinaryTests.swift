import AssetAPI
import AssetDaemon
import AssetTestSupport
import Foundation
import Testing

/// Runs the real `assetd` built beside the test binary (`swift build --build-tests` builds it).
@Suite(.timeLimit(.minutes(1)))
struct AssetdBinaryTests {
    private static func binary() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("assetd").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "assetd is not built beside the tests")
        return path
    }

    private static func flags(_ directory: TestDirectory) -> [String] {
        [
            "--socket", directory.file("c.sock"), "--state-dir", directory.file("state"), "--cache-dir",
            directory.file("cache"), "--allow-private-networks", "true",
        ]
    }

    @Test func versionAndBadConfigurationExitStatuses() async throws {
        let version = try await ProcessRunner.run(try Self.binary(), ["--version"])
        #expect(version.exitCode == 0)
        #expect(version.outputText.trimmingCharacters(in: .whitespacesAndNewlines) == DaemonCore.version)
        let directory = try TestDirectory()
        defer { directory.remove() }
        let bad = try await ProcessRunner.run(
            try Self.binary(),
            Self.flags(directory) + ["--concurrency", "none", "--policy", "huge", "--no-such-key", "1"]
        )
        #expect(bad.exitCode == 78)
        #expect(bad.standardError.contains("3 problems"))
        for key in ["concurrency", "policy", "no-such-key"] {
            #expect(bad.standardError.contains("\(key): "), "\(key) is not listed")
        }
    }

    @Test func theDaemonStartsServesAndStopsOnSIGTERM() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: try Self.binary())
        daemon.arguments = Self.flags(directory)
        daemon.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        let socket = directory.file("c.sock")
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: socket) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let status = try await ProcessRunner.run(
            "curl",
            ["-sS", "--unix-socket", socket, "http://localhost/v1/status"]
        )
        #expect(status.exitCode == 0)
        let document = try APIJSON.decode(StatusDocument.self, from: Data(status.standardOutput))
        #expect(document.version == DaemonCore.version)

        let second = try await ProcessRunner.run(
            try Self.binary(),
            ["--socket", directory.file("d.sock")] + Self.flags(directory).dropFirst(2)
        )
        #expect(second.exitCode == 1)
        #expect(second.standardError.contains("already uses this state directory"))

        kill(daemon.processIdentifier, SIGTERM)
        while daemon.isRunning && ContinuousClock.now < deadline + .seconds(10) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!daemon.isRunning)
        #expect(daemon.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: socket))
    }
}
