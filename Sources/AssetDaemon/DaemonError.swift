/// A failure of the daemon's own machinery outside configuration (directories, lock, sd_notify).
package struct DaemonError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    package enum Code: String, Sendable, Hashable {
        /// Another process holds the state directory's lock.
        case stateDirectoryLocked
        /// The lock file could not be opened or locked.
        case lockFailed
        /// A notification could not be sent to the service manager.
        case notifyFailed
        /// A state, cache or socket directory cannot be created or is not a writable directory.
        case directoryUnusable
        /// Something other than a socket occupies the socket path.
        case socketPathOccupied
    }

    /// What failed.
    package var code: Code
    /// A human-readable message naming the path or socket.
    package var message: String
    /// The system error behind it, if any.
    package var underlying: (any Error & Sendable)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: what failed.
    ///   - message: the human-readable message.
    ///   - underlying: the system error behind it.
    package init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    package var description: String { message }
}
