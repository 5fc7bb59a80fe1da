package import FoundationEssentials

/// One article in full (`GET /v1/articles/{id}`): where it came from, its stored bytes, and its assets.
///
/// Absent values are encoded as `null`, so every key is always present on the wire.
package struct ArticleDocument: Sendable, Hashable, Codable {
    /// The article's id.
    package var id: Int64
    /// The display name given at submission (`name` query parameter), if any.
    package var name: String?
    /// The URL the article was fetched from, when submitted by URL.
    package var url: String?
    /// The base URL relative candidates were resolved against, if any.
    package var baseURL: String?
    /// The SHA-256 of the stored article bytes (the article is kept as an object).
    package var sha256: String
    /// The stored article's length in bytes.
    package var byteCount: Int64
    /// The article's Content-Type, when known.
    package var contentType: String?
    /// How many image sets the parser found.
    package var imageCount: Int
    /// Parser diagnostics, one line each (`line 40: …`).
    package var diagnostics: [String]
    /// The assets selected from the article, in document order.
    package var assets: [AssetRecord]
    /// When the article was submitted.
    package var submittedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, url, sha256, diagnostics, assets
        case baseURL = "base_url"
        case byteCount = "byte_count"
        case contentType = "content_type"
        case imageCount = "image_count"
        case submittedAt = "submitted_at"
    }

    /// Creates an article document.
    /// - Parameters:
    ///   - id: the article id.
    ///   - name: the display name.
    ///   - url: the source URL.
    ///   - baseURL: the base URL used.
    ///   - sha256: the stored bytes' digest.
    ///   - byteCount: the stored bytes' length.
    ///   - contentType: the Content-Type.
    ///   - imageCount: image sets found.
    ///   - diagnostics: parser diagnostics.
    ///   - assets: the selected assets.
    ///   - submittedAt: the submission time.
    package init(
        id: Int64,
        name: String? = nil,
        url: String? = nil,
        baseURL: String? = nil,
        sha256: String,
        byteCount: Int64,
        contentType: String? = nil,
        imageCount: Int,
        diagnostics: [String] = [],
        assets: [AssetRecord],
        submittedAt: Date
    ) {
        self.id = id
        self.name = name
        self.url = url
        self.baseURL = baseURL
        self.sha256 = sha256
        self.byteCount = byteCount
        self.contentType = contentType
        self.imageCount = imageCount
        self.diagnostics = diagnostics
        self.assets = assets
        self.submittedAt = submittedAt
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(baseURL, forKey: .baseURL)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(byteCount, forKey: .byteCount)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(imageCount, forKey: .imageCount)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(assets, forKey: .assets)
        try container.encode(submittedAt, forKey: .submittedAt)
    }
}
