import Foundation

/// The outcome of a finished child process.
package struct ProcessResult: Sendable {
    /// The exit status, or 128 + signal number when it was killed by a signal.
    package var exitCode: Int32
    /// Everything it wrote to standard output.
    package var standardOutput: [UInt8]
    /// Everything it wrote to standard error, decoded as UTF-8 (invalid bytes replaced).
    package var standardError: String

    /// Standard output decoded as UTF-8.
    package var outputText: String {
        String(decoding: standardOutput, as: UTF8.self)
    }
}

/// Runs helper programs (curl, openssl, nginx) from tests without blocking the cooperative thread pool.
package enum ProcessRunner {
    /// Runs `executable` with `arguments` to completion, collecting its output in memory.
    ///
    /// Output goes through temporary files, so large outputs cannot dead-lock a pipe. Standard input is empty.
    /// - Parameters:
    ///   - executable: absolute path, or a name looked up in `/usr/bin`, `/usr/sbin`, `/bin` and `/usr/local/bin`.
    ///   - arguments: the arguments (no shell involved).
    ///   - timeout: the process is killed (SIGKILL) when it runs longer; the result then has exit code 137.
    /// - Returns: exit code and output.
    /// - Throws: `TestSupportError` `.programMissing` when the program is not found, `.fileSystem` when the
    ///   output files cannot be made.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        let path = try locate(executable)
        let scratch = try TemporaryDirectory(prefix: "assetd-proc-")
        defer { scratch.remove() }
        let outPath = scratch.path + "/out"
        let errPath = scratch.path + "/err"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
            FileManager.default.createFile(atPath: errPath, contents: nil),
            let outHandle = FileHandle(forWritingAtPath: outPath),
            let errHandle = FileHandle(forWritingAtPath: errPath)
        else {
            throw TestSupportError(.fileSystem, "cannot create output files in \(scratch.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        do {
            try process.run()
        } catch {
            throw TestSupportError(.processFailed, "cannot start \(path)", underlying: error)
        }
        try? outHandle.close()
        try? errHandle.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        process.waitUntilExit()
        let exitCode =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let output = FileManager.default.contents(atPath: outPath).map { [UInt8]($0) } ?? []
        let errors = FileManager.default.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return ProcessResult(exitCode: exitCode, standardOutput: output, standardError: errors)
    }

    /// The absolute path of a program.
    ///
    /// - Parameter executable: an absolute path, or a bare name searched in the usual system directories.
    /// - Returns: the path of an executable file.
    /// - Throws: `TestSupportError` `.programMissing`.
    package static func locate(_ executable: String) throws -> String {
        let candidates =
            executable.hasPrefix("/")
            ? [executable]
            : ["/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin"].map { "\($0)/\(executable)" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSupportError(.programMissing, "\(executable) is not installed (looked at \(candidates))")
        }
        return found
    }
}
