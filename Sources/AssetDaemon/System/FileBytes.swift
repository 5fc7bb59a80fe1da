import Glibc

/// Whole-file reads with the reason of a failure in words (errno's text), for messages that name the file.
enum FileBytes {
    /// A failed read.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Reads a regular file completely.
    /// - Parameter path: the file's path.
    /// - Returns: the bytes, or the failure (`No such file or directory`, `Is a directory`, …).
    static func read(path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Failure(message: errnoText())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Failure(message: errnoText())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(Failure(message: "not a regular file")) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(message: errnoText()))
            }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
        }
    }

    /// The text of the current `errno`.
    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
