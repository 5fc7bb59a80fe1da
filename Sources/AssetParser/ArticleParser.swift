/// Finds the responsive images of an article (HTML or plain text) given as bytes.
///
/// `ArticleParser` reads a whole article held in memory; `ArticleScanner` does the same work on chunks, for input
/// that should not be held whole. Neither throws: bad markup and bad candidates become diagnostics.
public struct ArticleParser: Sendable {
    /// The article's own URL, against which `<base href>` and relative candidates resolve.
    public var baseURL: String?
    /// The article's format, or `.automatic` to sniff it.
    public var format: ArticleFormat

    /// Creates a parser.
    /// - Parameters:
    ///   - baseURL: the article's URL (or the `--base-url` given by the user); `nil` leaves relative URLs
    ///     unresolved unless the article has an absolute `<base href>`.
    ///   - format: the article's format; `.automatic` sniffs it.
    public init(baseURL: String? = nil, format: ArticleFormat = .automatic) {
        self.baseURL = baseURL
        self.format = format
    }

    /// Parses one article.
    /// - Parameter bytes: the article's bytes, in UTF-8 or the encoding it declares.
    /// - Returns: the images, diagnostics, effective base URL and encoding.
    public func parse(_ bytes: [UInt8]) -> ArticleParseResult {
        var scanner = ArticleScanner(baseURL: baseURL, format: format)
        var batch = scanner.feed(bytes)
        let last = scanner.finish()
        batch.images += last.images
        batch.diagnostics += last.diagnostics
        return ArticleParseResult(
            base: scanner.base,
            encoding: scanner.encoding,
            images: batch.images,
            diagnostics: batch.diagnostics
        )
    }
}
