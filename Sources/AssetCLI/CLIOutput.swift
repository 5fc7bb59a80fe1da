#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writing to the terminal: standard error lines and whether standard output is a terminal.
enum CLIOutput {
    /// Writes `line` and a newline to standard error (unbuffered).
    static func standardError(_ line: String) {
        fputs(line.hasSuffix("\n") ? line : line + "\n", stderr)
    }

    /// Whether standard output is a terminal (tables and bars are drawn only then).
    static var isStandardOutputTerminal: Bool {
        isatty(1) == 1
    }
}
