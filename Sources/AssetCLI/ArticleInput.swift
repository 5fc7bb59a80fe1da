#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reading an article named on the command line: a file path, or `-` for standard input.
enum ArticleInput {
    /// Reads every byte of `path` (or standard input for `-`).
    /// - Throws: `CLIFailure` with exit status 1 naming the path and the system's reason.
    static func readAll(_ path: String) throws -> [UInt8] {
        let descriptor: Int32
        if path == "-" {
            descriptor = 0
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw failure(path, errno)
            }
        }
        defer {
            if descriptor != 0 {
                close(descriptor)
            }
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let received = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if received < 0 {
                if errno == EINTR {
                    continue
                }
                throw failure(path, errno)
            }
            if received == 0 {
                return bytes
            }
            bytes.append(contentsOf: chunk[0..<received])
        }
    }

    /// Opens `path` for streaming (standard input for `-`, which is not reopened): directories are refused here,
    /// before anything is sent.
    /// - Returns: the descriptor; give it back to ``closeAfterSending(_:)``.
    /// - Throws: `CLIFailure` with exit status 1 naming the path and the system's reason.
    static func openForSending(_ path: String) throws(CLIFailure) -> Int32 {
        guard path != "-" else {
            return 0
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure(path, errno)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw failure(path, EISDIR)
        }
        return descriptor
    }

    /// Closes a descriptor from ``openForSending(_:)`` (standard input stays open).
    static func closeAfterSending(_ descriptor: Int32) {
        if descriptor != 0 {
            close(descriptor)
        }
    }

    /// How messages name `path`.
    static func displayName(_ path: String) -> String {
        path == "-" ? "standard input" : path
    }

    private static func failure(_ path: String, _ code: Int32) -> CLIFailure {
        let name = displayName(path)
        let reason = String(cString: strerror(code))
        return CLIFailure(message: "cannot read \(name): \(reason)", exitCode: CLIExitStatus.failed)
    }
}
