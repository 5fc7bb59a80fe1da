import AssetTestSupport
import Foundation
import Testing

/// Runs the `assetctl` built beside the test binary with a chosen environment, input and user, collecting its
/// output through files (so neither stream can fill a pipe and stall the other).
enum AssetctlProcess {
    struct Run {
        var status: Int32
        var output: [UInt8]
        var standardError: String
        var standardOutput: String { String(decoding: output, as: UTF8.self) }
    }

    static func binaryPath() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let binary = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("assetctl")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "assetctl is not built beside the tests; run `swift build --build-tests` first"
        )
        return binary.path
    }

    /// Runs assetctl; `environment` replaces the inherited one (PATH kept); `asNobody` runs it through
    /// `setpriv` as uid/gid 65534 without supplementary groups; `onTerminal` runs it on a pseudo-terminal through
    /// `script` (its output then has CRLF line ends); `inputThroughPipe` feeds `input` through a pipe instead of a
    /// file, as a shell pipeline would.
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        input: [UInt8] = [],
        asNobody: Bool = false,
        onTerminal: Bool = false,
        inputThroughPipe: Bool = false
    ) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("assetctl-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        let inPath = scratch.appendingPathComponent("in").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(input))
        let process = Process()
        let binary = try binaryPath()
        if onTerminal {
            // script(1) runs the command on a pseudo-terminal and copies what it draws to our file.
            let quoted = ([binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", quoted.joined(separator: " "), "/dev/null"]
        } else if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        var fullEnvironment = environment
        fullEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = fullEnvironment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        // A POSIX pipe rather than Foundation's Pipe, so this code alone closes both ends, each exactly once.
        var pipeEnds: [Int32] = [-1, -1]
        if inputThroughPipe {
            try #require(pipe(&pipeEnds) == 0, "pipe failed: errno \(errno)")
            // Close-on-exec, so the child holds no copy of the write end and sees the end of its input.
            pipeEnds.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
            process.standardInput = FileHandle(fileDescriptor: pipeEnds[0], closeOnDealloc: false)
        } else {
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        }
        do {
            try process.run()
        } catch {
            if inputThroughPipe { pipeEnds.forEach { close($0) } }
            throw error
        }
        if inputThroughPipe {
            close(pipeEnds[0])
            // An assetctl that exits early leaves the rest unread; the write then fails, and the exit status tells.
            withSIGPIPEBlocked {
                var offset = 0
                while offset < input.count {
                    let written = input[offset...].withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { break }
                    offset += written
                }
            }
            close(pipeEnds[1])
        }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: Array(try Data(contentsOf: URL(fileURLWithPath: outPath))),
            standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self)
        )
    }
}
