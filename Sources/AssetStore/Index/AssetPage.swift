/// One page of assets in id order, with the cursor for the next page (keyset pagination).
package struct AssetPage: Sendable, Hashable {
    /// The assets of this page, by ascending id.
    package var assets: [AssetRecord]
    /// Pass as `after` to get the next page; `nil` when this page is the last.
    package var nextCursor: AssetID?

    /// Creates a page value.
    package init(assets: [AssetRecord], nextCursor: AssetID?) {
        self.assets = assets
        self.nextCursor = nextCursor
    }
}
