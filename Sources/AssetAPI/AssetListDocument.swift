/// The answer to `GET /v1/assets`: `{"assets": [...]}`, ordered by id.
package struct AssetListDocument: Sendable, Hashable, Codable {
    /// The matching assets.
    package var assets: [AssetRecord]

    /// Creates a list document.
    /// - Parameter assets: the matching assets.
    package init(assets: [AssetRecord]) {
        self.assets = assets
    }
}
