/// What `SrcsetParser.parse(_:)` found: the valid candidates and a message for each thing it dropped.
public struct SrcsetParseResult: Sendable, Hashable {
    /// The valid candidates in the order written.
    public var candidates: [SrcsetCandidate]
    /// One human-readable message per dropped candidate, naming its URL and the offending descriptor.
    public var problems: [String]

    /// Creates a result.
    /// - Parameters:
    ///   - candidates: the valid candidates.
    ///   - problems: the messages for dropped candidates.
    public init(candidates: [SrcsetCandidate] = [], problems: [String] = []) {
        self.candidates = candidates
        self.problems = problems
    }
}
