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

    @Test func aClientLeavingTheEventStreamAbruptlyDoesNotKillTheDaemon() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let output = directory.file("out")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        // ChildProcess starts it with every signal at its default, so SIG_IGN can only come from assetd itself.
        let daemon = try ChildProcess.start(try Self.binary(), Self.flags(directory), outputDirectory: output)
        defer { daemon.signal(SIGKILL) }
        let socket = directory.file("c.sock")
        try await Self.waitForStatus(socket: socket)
        #expect(try Self.ignoresSIGPIPE(pid: daemon.pid))

        // Subscribers that read the first event and vanish; the daemon's next writes to them hit a closed peer.
        for _ in 0..<4 {
            let connection = try Self.openEventStream(socket: socket)
            close(connection)
        }
        // Enqueueing publishes transitions to every subscriber still registered (the images' origin refuses).
        let article = "<img src=\"http://127.0.0.1:9/a.jpg\"><img src=\"http://127.0.0.1:9/b.jpg\">"
        let submitted = try await ProcessRunner.run(
            "curl",
            [
                "-sS", "--unix-socket", socket, "-H", "Content-Type: text/html", "--data-binary", article,
                "http://localhost/v1/articles",
            ]
        )
        #expect(submitted.exitCode == 0, "\(submitted.standardError)")
        try await Task.sleep(for: .milliseconds(500))

        #expect(daemon.isRunning, "assetd died: exit \(daemon.exitCode ?? 0), \(daemon.errorText)")
        try await Self.waitForStatus(socket: socket)
        #expect(await daemon.stop() == 0)
    }

    @Test func aLogReaderThatGoesAwayDoesNotKillTheDaemon() async throws {
        // Under systemd a journald restart closes the stream behind stderr; in a shell, `assetd 2>&1 | tool` loses
        // its reader when the tool exits. Here stderr is a pipe nobody reads from the start, so the daemon's first log
        // line ("opened the store", before any socket exists) meets a closed pipe.
        let directory = try TestDirectory()
        defer { directory.remove() }
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
        let pid: pid_t
        do {
            pid = try Self.spawnWithDefaultSignals(try Self.binary(), Self.flags(directory), standardError: ends[1])
        } catch {
            close(ends[1])
            throw error
        }
        close(ends[1])
        let socket = directory.file("c.sock")
        let deadline = ContinuousClock.now + .seconds(20)
        var waitStatus: Int32 = 0
        var exited = false
        var answered = false
        while !answered && !exited && ContinuousClock.now < deadline {
            exited = waitpid(pid, &waitStatus, WNOHANG) == pid
            if !exited && FileManager.default.fileExists(atPath: socket) {
                let status = try await ProcessRunner.run(
                    "curl",
                    ["-sS", "-f", "--unix-socket", socket, "http://localhost/v1/status"]
                )
                answered = status.exitCode == 0
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!exited, "assetd exited (signal \(waitStatus & 0x7f), status \((waitStatus >> 8) & 0xff))")
        #expect(answered)
        guard !exited else { return }
        #expect(try Self.ignoresSIGPIPE(pid: pid))
        kill(pid, SIGTERM)
        while waitpid(pid, &waitStatus, WNOHANG) != pid {
            guard ContinuousClock.now < deadline + .seconds(10) else {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &waitStatus, 0)
                Issue.record("assetd did not stop on SIGTERM")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(waitStatus & 0x7f == 0, "assetd was killed by signal \(waitStatus & 0x7f)")
    }

    /// Starts `path` with every signal at its default disposition (as a service manager does), stdin and stdout on
    /// /dev/null and stderr on `standardError`.
    private static func spawnWithDefaultSignals(
        _ path: String,
        _ arguments: [String],
        standardError: Int32
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.reset(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        try #require(failure == 0, "posix_spawn failed: \(failure)")
        return pid
    }

    /// Polls `GET /v1/status` until it answers 200 (or the time runs out).
    private static func waitForStatus(socket: String) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let status = try await ProcessRunner.run(
                "curl",
                ["-sS", "-f", "--unix-socket", socket, "http://localhost/v1/status"]
            )
            if status.exitCode == 0 {
                let document = try APIJSON.decode(StatusDocument.self, from: Data(status.standardOutput))
                #expect(document.version == DaemonCore.version)
                return
            }
            try #require(ContinuousClock.now < deadline, "no status: \(status.standardError)")
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Whether the `SigIgn` mask in `/proc/<pid>/status` has SIGPIPE.
    private static func ignoresSIGPIPE(pid: Int32) throws -> Bool {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") })
        let mask = try #require(UInt64(line.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16))
        return mask & (UInt64(1) << (SIGPIPE - 1)) != 0
    }

    /// Connects to the socket, asks for `GET /v1/events` and reads until the first event has arrived.
    /// - Returns: The open descriptor.
    private static func openEventStream(socket path: String) throws -> Int32 {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8) + [0]) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET /v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while connected == 0, sent == request.count, !String(decoding: received, as: UTF8.self).contains("data:") {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        guard text.contains("text/event-stream"), text.contains("data:") else {
            close(fd)
            throw EventStreamFailure(received: text)
        }
        return fd
    }

    private struct EventStreamFailure: Error {
        var received: String
    }
}
