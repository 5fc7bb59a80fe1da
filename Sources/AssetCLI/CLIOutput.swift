#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writing to the terminal: standard error lines and whether standard output is a terminal.
enum CLIOutput {
    /// Writes `line` and a newline to standard error (unbuffered).
    static func standardError(_ line: String) {
        var text = line.hasSuffix("\n") ? line : line + "\n"
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                guard written > 0 || (written < 0 && errno == EINTR) else {
                    return
                }
                offset += max(written, 0)
            }
        }
    }

    /// Whether standard output is a terminal (tables and bars are drawn only then).
    static var isStandardOutputTerminal: Bool {
        isatty(1) == 1
    }
}
