import AssetAPI
import AssetDaemon
import Foundation
import Testing

/// Where `systemd-analyze` is, if installed.
let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Suite struct SystemdUnitTests {
    let unitPath = packageRoot + "/systemd/assetd.service"

    /// The unit's `Key=value` lines (later lines appended after earlier ones for repeated keys).
    func directives() throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in try String(contentsOfFile: unitPath, encoding: .utf8).split(separator: "\n") {
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
        }
        return result
    }

    /// Runs a command, capturing its exit status, stdout and stderr through files (no pipe can fill up).
    func run(_ executable: String, _ arguments: [String], in directory: TestDirectory) throws -> (Int32, String, String)
    {
        let outPath = directory.file("out.txt")
        let errPath = directory.file("err.txt")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOfFile: outPath, encoding: .utf8),
            try String(contentsOfFile: errPath, encoding: .utf8)
        )
    }

    /// A copy of the unit whose ExecStart is /bin/true, since assetd is not installed where the unit expects it.
    func testableCopy(in directory: TestDirectory) throws -> String {
        let text = try String(contentsOfFile: unitPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("ExecStart=") ? "ExecStart=/bin/true" : String(line)
        }
        return try directory.write("assetd.service", lines.joined(separator: "\n"))
    }

    @Test func unitDeclaresTypeUserDirectoriesAndRestartPolicy() throws {
        let unit = try directives()
        #expect(unit["Type"] == ["notify"])
        #expect(unit["User"] == ["assetd"])
        #expect(unit["Group"] == ["assetd"])
        #expect(unit["RestartPreventExitStatus"] == ["\(ConfigError.exitStatus)"])
        #expect(unit["WatchdogSec"]?.isEmpty == false)
        #expect(unit["ExecStart"]?.first?.hasSuffix("/assetd") == true)
        let sysusers = try String(contentsOfFile: packageRoot + "/systemd/assetd.sysusers", encoding: .utf8)
        #expect(
            sysusers.split(separator: "\n").contains { $0.hasPrefix("u assetd ") && $0.hasSuffix(" /var/lib/assetd") }
        )
    }

    @Test func unitPathsMatchTheSystemdDefaultsOfTheDaemon() throws {
        let unit = try directives()
        let state = try #require(unit["StateDirectory"]?.first)
        let cache = try #require(unit["CacheDirectory"]?.first)
        let runtime = try #require(unit["RuntimeDirectory"]?.first)
        // The environment systemd gives the service for these directives.
        let environment = [
            "STATE_DIRECTORY": "/var/lib/" + state, "CACHE_DIRECTORY": "/var/cache/" + cache,
            "RUNTIME_DIRECTORY": "/run/" + runtime,
        ]
        let paths = try DaemonPaths.resolve(
            socket: nil,
            stateDirectory: nil,
            cacheDirectory: nil,
            environment: environment,
            workingDirectory: "/"
        )
        #expect(paths.socket == "/run/assetd/assetd.sock")
        #expect(paths.stateDirectory == "/var/lib/assetd")
        #expect(paths.cacheDirectory == "/var/cache/assetd")
        #expect(paths.socket == DaemonLocations.systemSocketPath)
        #expect(paths.stateDirectory == DaemonLocations.systemStateDirectory)
        #expect(paths.cacheDirectory == DaemonLocations.systemCacheDirectory)
    }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed; skipping the unit checks"))
    func unitPassesSystemdAnalyzeVerify() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let copy = try testableCopy(in: directory)
        let (status, output, errors) = try run(try #require(systemdAnalyze), ["verify", copy], in: directory)
        #expect(status == 0, "\(output)\(errors)")
        #expect(!errors.contains("Unknown key"), "\(errors)")
        #expect(!errors.contains("Unknown section"), "\(errors)")
        #expect(!errors.contains("ignoring"), "\(errors)")
    }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed; skipping the unit checks"))
    func unitScoresTwoOrBetterInSystemdAnalyzeSecurity() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let copy = try testableCopy(in: directory)
        let (status, output, errors) = try run(
            try #require(systemdAnalyze),
            ["security", "--offline=true", "--threshold=20", "--no-pager", copy],
            in: directory
        )
        #expect(status == 0, "\(output)\(errors)")
        let summary = try #require(output.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = summary.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }
        #expect(try #require(score) <= 2.0, "\(summary)")
    }
}
