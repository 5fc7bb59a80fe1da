/// Everything `ArticleParser` found in one article.
public struct ArticleParseResult: Sendable, Hashable {
    /// The effective base URL: the `<base href>` resolved against the article's URL, else the article's URL.
    public var base: String?
    /// The WHATWG name of the encoding the article was decoded with (`utf-8`, `windows-1251`, `koi8-r`,
    /// `windows-1252`).
    public var encoding: String
    /// The images in document order.
    public var images: [ImageSet]
    /// What was skipped or could not be used, in document order.
    public var diagnostics: [ParseDiagnostic]

    /// Creates a result.
    /// - Parameters:
    ///   - base: the effective base URL.
    ///   - encoding: the encoding's name.
    ///   - images: the images.
    ///   - diagnostics: the diagnostics.
    public init(base: String?, encoding: String, images: [ImageSet], diagnostics: [ParseDiagnostic]) {
        self.base = base
        self.encoding = encoding
        self.images = images
        self.diagnostics = diagnostics
    }
}
