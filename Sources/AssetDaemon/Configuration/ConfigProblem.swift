/// One thing wrong with the configuration, named by key when it concerns one.
package struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is.
    package enum Kind: String, Sendable, Hashable {
        /// The file, or the command line, names a key assetd does not know.
        case unknownKey
        /// A value does not parse or is out of range.
        case invalidValue
        /// Two values contradict each other (per-host > concurrency).
        case contradiction
        /// The configuration file could not be read.
        case unreadableFile
        /// The configuration file is not a JSON object.
        case malformedFile
        /// A directory or socket path cannot be determined or is unusable.
        case path
    }

    /// What kind of problem it is.
    package var kind: Kind
    /// The key concerned (`max-cache-bytes`), if one.
    package var key: String?
    /// What is wrong, with the offending value.
    package var message: String
    /// Where the offending value came from (`--timeout`, `ASSETD_TIMEOUT`, a file path), when known.
    package var source: String?

    /// Creates a problem.
    /// - Parameters:
    ///   - kind: the kind.
    ///   - key: the key concerned.
    ///   - message: what is wrong.
    package init(_ kind: Kind, key: String? = nil, _ message: String) {
        self.kind = kind
        self.key = key
        self.message = message
    }

    package var description: String {
        let text = key.map { "\($0): \(message)" } ?? message
        return source.map { text + " (from \($0))" } ?? text
    }
}
