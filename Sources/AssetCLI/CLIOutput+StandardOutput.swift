#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension CLIOutput {
    /// Writes `text` to standard output unbuffered (the daemon commands never mix this with `print`).
    static func standardOutput(_ text: String) {
        var text = text
        _ = text.withUTF8 { writeAll(1, $0) }
    }

    /// Writes `bytes` to standard output unbuffered.
    /// - Returns: false when standard output is closed or failing (a closed pipe), so the caller can stop.
    @discardableResult
    static func standardOutput(bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { writeAll(1, $0) }
    }

    /// Whether standard error is a terminal.
    static var isStandardErrorTerminal: Bool {
        isatty(2) == 1
    }

    @discardableResult
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written < 0 && errno == EINTR {
                continue
            }
            guard written > 0 else {
                return false
            }
            offset += written
        }
        return true
    }
}
