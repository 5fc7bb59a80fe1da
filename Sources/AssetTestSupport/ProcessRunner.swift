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
    /// Output goes through temporary files, so large outputs cannot dead-lock a pipe.
    /// - Parameters:
    ///   - executable: absolute path, or a name looked up in `/usr/bin`, `/usr/sbin`, `/bin` and `/usr/local/bin`.
    ///   - arguments: the arguments (no shell involved).
    ///   - environment: variables set on top of the test process's environment.
    ///   - input: bytes for standard input; `nil` (default) gives `/dev/null`.
    ///   - timeout: the process group is killed (SIGKILL) when it runs longer; the result then has exit code 137.
    /// - Returns: exit code and output.
    /// - Throws: `TestSupportError` `.programMissing` when the program is not found, `.fileSystem` when the
    ///   output files cannot be made, `.processFailed` when it cannot be started.
    package static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: [UInt8]? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        let scratch = try TemporaryDirectory(prefix: "assetd-proc-")
        defer { scratch.remove() }
        let child = try ChildProcess.start(
            executable,
            arguments,
            environment: environment,
            input: input,
            outputDirectory: scratch.path
        )
        let exitCode: Int32
        do {
            exitCode = try await child.waitForExit(timeout: timeout)
        } catch {
            child.signal(SIGKILL, toGroup: true)
            exitCode = (try? await child.waitForExit(timeout: .seconds(60))) ?? 128 + SIGKILL
        }
        let output = FileManager.default.contents(atPath: child.outputPath).map { [UInt8]($0) } ?? []
        return ProcessResult(exitCode: exitCode, standardOutput: output, standardError: child.errorText)
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
