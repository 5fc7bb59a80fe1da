/// Something in the article that was skipped or could not be used, with the line it was found on.
public struct ParseDiagnostic: Sendable, Hashable {
    /// The 1-based line of the article.
    public var line: Int
    /// What was wrong, for a person to read (names the offending value, shortened if long).
    public var message: String

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - line: the 1-based line.
    ///   - message: the human-readable explanation.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}
