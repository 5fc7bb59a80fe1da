import AssetParser

/// What the index keeps about how an article was submitted, as the JSON of its `options` column.
struct StoredArticleOptions: Sendable, Hashable, Codable {
    /// The request's display name, if any.
    var name: String?
    /// The URL the daemon fetched the article from, if it was submitted by URL.
    var url: String?
    /// The article's Content-Type, if known.
    var contentType: String?
    /// The width option (CSS px), if any.
    var width: Double?
    var dpr: Double
    var viewport: Double
    var policy: String
    /// The parser's diagnostics.
    var diagnostics: [String]

    enum CodingKeys: String, CodingKey {
        case name, url, width, dpr, viewport, policy, diagnostics
        case contentType = "content_type"
    }

    init(name: String?, url: String?, contentType: String?, selection: SelectionOptions, diagnostics: [String]) {
        self.name = name
        self.url = url
        self.contentType = contentType
        self.width = selection.width
        self.dpr = selection.dpr
        self.viewport = selection.viewport
        self.policy = selection.policy.rawValue
        self.diagnostics = diagnostics
    }
}
