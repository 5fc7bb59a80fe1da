#if canImport(Glibc)
import Glibc
#endif

/// An error from the object store or the index, with a stable code, a message naming the path, and the cause.
///
/// `code` is exhaustive within the package so that the daemon's status mapping breaks at compile time when a
/// code is added. `errno` carries the system error number when the failure came from a system call.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases (the daemon maps it to an HTTP status and the CLI to an exit code).
    package enum Code: String, Sendable, CaseIterable {
        /// A string is not 64 lowercase hexadecimal digits.
        case invalidDigest
        /// The object, asset or row asked for does not exist.
        case notFound
        /// The bytes received differ in length from the length announced.
        case lengthMismatch
        /// The bytes read back do not hash to the digest that names them.
        case digestMismatch
        /// The file system is full (ENOSPC, EDQUOT).
        case noSpace
        /// The device reported an input/output error (EIO).
        case ioError
        /// The process may not read or write a path (EACCES, EPERM, EROFS).
        case permissionDenied
        /// Any other failing system call.
        case fileSystem
        /// An ingest writer was used after it was committed or aborted.
        case writerClosed
        /// The SQLite index failed (open, migration, query, constraint).
        case database
        /// An asset state change that the state machine does not allow.
        case illegalTransition
    }

    /// The stable code.
    package var code: Code
    /// A sentence for people, naming the path or digest concerned.
    package var message: String
    /// The system error number when a system call failed, else nil.
    package var errno: Int32?
    /// The error this one wraps, if any.
    package var underlying: (any Error)?

    /// Makes an error.
    /// - Parameters:
    ///   - code: The stable code.
    ///   - message: A sentence naming the path or digest concerned.
    ///   - errno: The system error number when a system call failed.
    ///   - underlying: The wrapped error, if any.
    package init(_ code: Code, _ message: String, errno: Int32? = nil, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
        self.underlying = underlying
    }

    /// Makes the error for a failed system call, choosing the code from the errno value.
    /// - Parameters:
    ///   - call: The system call's name (`write`, `fsync`, `link`, …).
    ///   - path: The path it was applied to.
    ///   - errno: The value of `errno` right after the call.
    /// - Returns: An error whose message reads like `fsync /var/cache/assetd/ingest/x.part: No space left on device`.
    package static func systemCall(_ call: String, path: String, errno value: Int32) -> StoreError {
        let code: Code
        switch value {
        case ENOSPC, EDQUOT: code = .noSpace
        case EIO: code = .ioError
        case EACCES, EPERM, EROFS: code = .permissionDenied
        case ENOENT: code = .notFound
        default: code = .fileSystem
        }
        return StoreError(code, "\(call) \(path): \(errnoDescription(value)) (errno \(value))", errno: value)
    }

    /// The code and the message, for logs and the CLI.
    package var description: String {
        if let underlying {
            return "\(code.rawValue): \(message) (\(underlying))"
        }
        return "\(code.rawValue): \(message)"
    }
}

/// The C library's text for an errno value.
private func errnoDescription(_ value: Int32) -> String {
    guard let text = strerror(value) else {
        return "error \(value)"
    }
    return String(cString: text)
}
