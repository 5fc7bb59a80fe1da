/// The configuration is unusable: every problem found, listed at once. The daemon exits with ``exitStatus`` (78,
/// `EX_CONFIG`, which the unit's `RestartPreventExitStatus=` names).
package struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// The overall category, from the first problem that decides it.
    package enum Code: String, Sendable, Hashable {
        /// The configuration file could not be read.
        case unreadableFile
        /// The configuration file is not a JSON object.
        case malformedFile
        /// Keys or values are wrong (and the file, if any, was read).
        case invalidConfiguration
    }

    /// The exit status of a daemon that stops on this error.
    package static let exitStatus: Int32 = 78

    /// The overall category.
    package var code: Code
    /// Every problem, in the order found (file, command line, then keys in documentation order).
    package var problems: [ConfigProblem]
    /// The error that made the file unreadable or malformed, if any.
    package var underlying: (any Error & Sendable)?

    /// Creates an error from its problems; the code follows the first file problem, if any.
    /// - Parameters:
    ///   - problems: every problem found (not empty).
    ///   - underlying: the I/O or parse error behind a file problem.
    package init(problems: [ConfigProblem], underlying: (any Error & Sendable)? = nil) {
        self.problems = problems
        self.underlying = underlying
        if problems.contains(where: { $0.kind == .unreadableFile }) {
            code = .unreadableFile
        } else if problems.contains(where: { $0.kind == .malformedFile }) {
            code = .malformedFile
        } else {
            code = .invalidConfiguration
        }
    }

    /// A human-readable summary: a first line, then one indented line per problem.
    package var message: String {
        let header =
            problems.count == 1 ? "invalid configuration:" : "invalid configuration (\(problems.count) problems):"
        return ([header] + problems.map { "  \($0)" }).joined(separator: "\n")
    }

    package var description: String { message }
}
