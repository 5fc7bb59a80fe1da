/// One image of an article: all the sources a browser would choose among (a `<picture>`'s `<source>`s then its
/// `<img>`, or a single `<img>`, `<link>` or text run).
public struct ImageSet: Sendable, Hashable {
    /// The 1-based line of the article where the image starts (the `<picture>`, `<img>`, `<link>` or text run).
    public var line: Int
    /// The sources in document order; for `<picture>` the `<img>` comes last.
    public var sources: [ImageSource]

    /// Creates an image set.
    /// - Parameters:
    ///   - line: the 1-based line where the image starts.
    ///   - sources: its sources in document order.
    public init(line: Int, sources: [ImageSource]) {
        self.line = line
        self.sources = sources
    }
}
