package import FoundationEssentials

/// The payload of an `asset` event: one asset moved from one state to another.
///
/// Absent values are encoded as `null`, so every key is always present on the wire.
package struct AssetTransition: Sendable, Hashable, Codable {
    /// The asset's id.
    package var assetID: Int64
    /// The asset's URL.
    package var url: String
    /// The articles that reference the asset.
    package var articleIDs: [Int64]
    /// The state before, or `nil` when the asset was just created.
    package var from: AssetState?
    /// The state after.
    package var to: AssetState
    /// The digest, when the transition is to `cached`.
    package var sha256: String?
    /// The byte length, when the transition is to `cached`.
    package var byteCount: Int64?
    /// The failure, when the transition is to `failed` or back to `queued` after a failed attempt.
    package var error: AssetFailure?
    /// When the transition happened.
    package var at: Date

    enum CodingKeys: String, CodingKey {
        case url, from, to, sha256, error, at
        case assetID = "asset_id"
        case articleIDs = "article_ids"
        case byteCount = "byte_count"
    }

    /// Creates a transition payload.
    /// - Parameters:
    ///   - assetID: the asset's id.
    ///   - url: the asset's URL.
    ///   - articleIDs: the referencing articles.
    ///   - from: the previous state.
    ///   - to: the new state.
    ///   - sha256: the digest, once cached.
    ///   - byteCount: the byte length, once cached.
    ///   - error: the failure, if any.
    ///   - at: the transition time.
    package init(
        assetID: Int64,
        url: String,
        articleIDs: [Int64] = [],
        from: AssetState?,
        to: AssetState,
        sha256: String? = nil,
        byteCount: Int64? = nil,
        error: AssetFailure? = nil,
        at: Date
    ) {
        self.assetID = assetID
        self.url = url
        self.articleIDs = articleIDs
        self.from = from
        self.to = to
        self.sha256 = sha256
        self.byteCount = byteCount
        self.error = error
        self.at = at
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(assetID, forKey: .assetID)
        try container.encode(url, forKey: .url)
        try container.encode(articleIDs, forKey: .articleIDs)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(byteCount, forKey: .byteCount)
        try container.encode(error, forKey: .error)
        try container.encode(at, forKey: .at)
    }

    /// The JSON text `APIJSON.encode` gives for this transition, written without `JSONEncoder` (events are sent by
    /// the thousand).
    package var jsonText: String {
        var object = JSONObjectText()
        object.add(CodingKeys.articleIDs.rawValue, articleIDs)
        object.add(CodingKeys.assetID.rawValue, assetID)
        object.add(CodingKeys.at.rawValue, at)
        object.add(CodingKeys.byteCount.rawValue, byteCount)
        object.add(CodingKeys.error.rawValue, error?.jsonObject)
        object.add(CodingKeys.from.rawValue, from?.rawValue)
        object.add(CodingKeys.sha256.rawValue, sha256)
        object.add(CodingKeys.to.rawValue, to.rawValue)
        object.add(CodingKeys.url.rawValue, url)
        return object.finished
    }
}
