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

    private static func failure(_ path: String, _ code: Int32) -> CLIFailure {
        let name = path == "-" ? "standard input" : path
        let reason = String(cString: strerror(code))
        return CLIFailure(message: "cannot read \(name): \(reason)", exitCode: CLIExitStatus.failed)
    }
}
