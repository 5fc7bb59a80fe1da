import Foundation
import Synchronization

/// A program started in the background from a test (nginx, the assetd daemon, a crash helper), with its output in
/// files, that the test can signal, wait for and stop.
///
/// Started with `posix_spawn` rather than Foundation's `Process`, because the child must not inherit the spawning
/// thread's state: `Process` passes on that thread's blocked-signal mask (worker threads block nearly every
/// signal, so a child could ignore SIGTERM at random) and keeps a socket open in the child. Here the child starts
/// with no blocked signals, every signal at its default action, descriptors 0–2 only, and its own process group,
/// so ``signal(_:toGroup:)`` also reaches the processes it forks (as nginx's workers).
///
/// Thread-safety: all members may be used from any task. Call ``stop(grace:)`` or ``waitForExit(timeout:)`` before
/// the test ends; `deinit` kills the group of a child that is still running.
package final class ChildProcess: Sendable {
    /// The process id (also its process group id).
    package let pid: Int32
    /// The file that receives standard output.
    package let outputPath: String
    /// The file that receives standard error.
    package let errorPath: String
    /// The program that was started (absolute path).
    package let executable: String

    /// The exit code once reaped (128 + signal number for a signal death).
    private let reaped = Mutex<Int32?>(nil)

    private init(pid: Int32, executable: String, outputPath: String, errorPath: String) {
        self.pid = pid
        self.executable = executable
        self.outputPath = outputPath
        self.errorPath = errorPath
    }

    deinit {
        if exitCode == nil {
            _ = kill(-pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }

    /// Starts `executable` with `arguments`.
    ///
    /// - Parameters:
    ///   - executable: absolute path, or a name looked up like ``ProcessRunner/locate(_:)`` does.
    ///   - arguments: the arguments (no shell involved).
    ///   - environment: variables set on top of the test process's environment (e.g. `ASSETD_SOCKET`).
    ///   - removingEnvironment: variables of the test process's environment not to pass on.
    ///   - workingDirectory: the child's current directory (default: the test process's).
    ///   - input: bytes for standard input (written to a file first); `nil` gives `/dev/null`.
    ///   - outputDirectory: where `stdout`, `stderr` (and `stdin`) files are created; one directory per child.
    /// - Returns: the running child.
    /// - Throws: `TestSupportError` `.programMissing`, `.fileSystem` for the input file, `.processFailed`
    ///   when `posix_spawn` fails (the message carries the error number).
    package static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        removingEnvironment: Set<String> = [],
        workingDirectory: String? = nil,
        input: [UInt8]? = nil,
        outputDirectory: String
    ) throws -> ChildProcess {
        let path = try ProcessRunner.locate(executable)
        let outputPath = outputDirectory + "/stdout"
        let errorPath = outputDirectory + "/stderr"
        var inputPath = "/dev/null"
        if let input {
            inputPath = outputDirectory + "/stdin"
            guard FileManager.default.createFile(atPath: inputPath, contents: Foundation.Data(input)) else {
                throw TestSupportError(.fileSystem, "cannot create \(inputPath)")
            }
        }
        var variables = ProcessInfo.processInfo.environment
        for name in removingEnvironment {
            variables[name] = nil
        }
        variables.merge(environment) { _, new in new }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try GNUSpawnActions.addCloseFrom(&actions, 3)
        if let workingDirectory {
            try GNUSpawnActions.addChangeDirectory(&actions, workingDirectory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        SpawnSignals.reset(&attributes)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)
        )

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp {
                free(pointer)
            }
        }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard failure == 0 else {
            throw TestSupportError(.processFailed, "posix_spawn \(path) failed: error \(failure)")
        }
        return ChildProcess(pid: pid, executable: path, outputPath: outputPath, errorPath: errorPath)
    }

    /// Whether the child has not exited yet.
    package var isRunning: Bool {
        exitCode == nil
    }

    /// The exit code once it has exited (128 + the signal number when killed by a signal), else `nil`.
    ///
    /// Reaps the child (`waitpid` with `WNOHANG`) the first time it is seen to have exited.
    package var exitCode: Int32? {
        reaped.withLock { known in
            if let known {
                return known
            }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            guard result == pid else {
                // 0: still running. -1: not our child any more (reaped elsewhere); report it as gone.
                if result == -1 && errno == ECHILD {
                    known = -1
                }
                return known
            }
            let signalNumber = status & 0x7f
            known = signalNumber == 0 ? (status >> 8) & 0xff : 128 + signalNumber
            return known
        }
    }

    /// Sends `signal` (e.g. `SIGTERM`, `SIGKILL`, `SIGINT`) to the child, or to its whole process group.
    ///
    /// - Parameters:
    ///   - signal: the signal number.
    ///   - toGroup: also reach the processes the child forked (they share its process group).
    package func signal(_ signal: Int32, toGroup: Bool = false) {
        guard isRunning else {
            return
        }
        _ = kill(toGroup ? -pid : pid, signal)
    }

    /// Waits until the child exits.
    ///
    /// - Parameter timeout: how long to wait.
    /// - Returns: the exit code (128 + signal number when killed by a signal).
    /// - Throws: `TestSupportError` `.timedOut` when it is still running after `timeout` (it is left running).
    package func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let exitCode {
                return exitCode
            }
            guard ContinuousClock.now < deadline else {
                throw TestSupportError(.timedOut, "\(executable) (pid \(pid)) still running after \(timeout)")
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Stops the child: SIGTERM to its process group, then SIGKILL after `grace`; returns once it has exited.
    ///
    /// - Parameter grace: how long SIGTERM may take.
    /// - Returns: the exit code (143 for a default SIGTERM death; whatever the program chose when it handles it).
    @discardableResult
    package func stop(grace: Duration = .seconds(5)) async -> Int32 {
        if let exitCode {
            return exitCode
        }
        signal(SIGTERM, toGroup: true)
        if let code = try? await waitForExit(timeout: grace) {
            return code
        }
        signal(SIGKILL, toGroup: true)
        while true {
            if let code = try? await waitForExit(timeout: .seconds(60)) {
                return code
            }
        }
    }

    /// Standard output so far, decoded as UTF-8.
    package var outputText: String {
        (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Standard error so far, decoded as UTF-8.
    package var errorText: String {
        (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
    }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34) and `posix_spawn_file_actions_addchdir_np` (2.29),
/// looked up at run time: Swift's Glibc module is built without `_GNU_SOURCE`, so their declarations are hidden.
private enum GNUSpawnActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
            throw TestSupportError(.processFailed, "glibc lacks posix_spawn_file_actions_addclosefrom_np (< 2.34)")
        }
        let function = unsafeBitCast(symbol, to: CloseFrom.self)
        let failure = function(&actions, lowest)
        guard failure == 0 else {
            throw TestSupportError(.processFailed, "posix_spawn_file_actions_addclosefrom_np failed: \(failure)")
        }
    }

    static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ directory: String) throws {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addchdir_np") else {
            throw TestSupportError(.processFailed, "glibc lacks posix_spawn_file_actions_addchdir_np (< 2.29)")
        }
        let function = unsafeBitCast(symbol, to: ChangeDirectory.self)
        let failure = directory.withCString { function(&actions, $0) }
        guard failure == 0 else {
            throw TestSupportError(.processFailed, "posix_spawn_file_actions_addchdir_np failed: \(failure)")
        }
    }
}
