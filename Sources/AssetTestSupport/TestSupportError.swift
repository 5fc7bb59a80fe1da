/// A failure of the test infrastructure itself (origin, nginx, certificates, helper processes).
package struct TestSupportError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: String, Sendable {
        /// A listening socket could not be bound.
        case bindFailed
        /// A required program is not installed (the message names the Debian package).
        case programMissing
        /// A helper program (openssl, nginx) exited with an error; the message carries its output.
        case processFailed
        /// A server did not become ready in time.
        case notReady
        /// A file or directory could not be written or read.
        case fileSystem
    }

    /// The failure class.
    package var code: Code
    /// A human-readable explanation with the paths or commands involved.
    package var message: String
    /// The error that caused this one, if any.
    package var underlying: (any Error)?

    /// Makes an error.
    package init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// `code: message` plus the underlying error.
    package var description: String {
        "\(code.rawValue): \(message)" + (underlying.map { " (\($0))" } ?? "")
    }
}
