import Glibc
import Synchronization

/// Where log lines go: a file descriptor (stderr in the daemon, a pipe in tests) and the line style.
///
/// Each line is written with `write(2)` under a lock, so lines from different threads never interleave. The
/// descriptor is not owned: it is never closed here. Thread-safe.
package final class LogOutput: Sendable {
    /// The descriptor written to.
    package let fileDescriptor: Int32
    /// The line style.
    package let style: LogLineStyle
    private let lock = Mutex(())

    /// Creates an output.
    /// - Parameters:
    ///   - fileDescriptor: an open descriptor, kept open by the caller.
    ///   - style: the line style.
    package init(fileDescriptor: Int32, style: LogLineStyle) {
        self.fileDescriptor = fileDescriptor
        self.style = style
    }

    /// Standard error, in the journal style when it is connected to journald.
    /// - Parameter environment: the process environment (for `$JOURNAL_STREAM`).
    /// - Returns: the output.
    package static func standardError(environment: [String: String]) -> LogOutput {
        let style: LogLineStyle =
            isJournalStream(environment: environment, fileDescriptor: STDERR_FILENO) ? .journal : .timestamped
        return LogOutput(fileDescriptor: STDERR_FILENO, style: style)
    }

    /// Whether `fileDescriptor` is the stream journald handed over: `$JOURNAL_STREAM` (`DEVICE:INODE`, decimal)
    /// matches the descriptor's `fstat`. A redirected stderr under the same unit does not match.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - fileDescriptor: the descriptor to check.
    /// - Returns: `true` when the identities match.
    package static func isJournalStream(environment: [String: String], fileDescriptor: Int32) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"].flatMap(parseJournalStream) else { return false }
        var info = stat()
        guard fstat(fileDescriptor, &info) == 0 else { return false }
        return UInt64(info.st_dev) == stream.device && UInt64(info.st_ino) == stream.inode
    }

    /// Parses `$JOURNAL_STREAM`. Pure.
    /// - Parameter value: `DEVICE:INODE` in decimal.
    /// - Returns: the pair, or `nil` when malformed.
    package static func parseJournalStream(_ value: String) -> (device: UInt64, inode: UInt64)? {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        return (device, inode)
    }

    /// Writes one line completely (retrying short writes and EINTR); errors are dropped, as a logger cannot log them.
    /// - Parameter line: the line, with its newline.
    package func write(_ line: String) {
        let bytes = Array(line.utf8)
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { buffer in
                    Glibc.write(fileDescriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }
}
