/// Counts for `assetctl status`: assets by state and the objects' number and total size.
///
/// Kept by triggers in the same transactions as the rows they count, so reading them costs one small query.
package struct IndexCounts: Sendable, Hashable {
    /// Number of assets in each state; every state is present (0 when none).
    package var assetsByState: [AssetState: Int]
    /// Number of rows in `objects` (assets' and articles' objects).
    package var objectCount: Int
    /// Sum of the objects' sizes in bytes.
    package var objectBytes: Int64

    /// Creates a counts value.
    package init(assetsByState: [AssetState: Int], objectCount: Int, objectBytes: Int64) {
        self.assetsByState = assetsByState
        self.objectCount = objectCount
        self.objectBytes = objectBytes
    }

    /// The number of assets in `state`.
    /// - Parameter state: the state to count.
    /// - Returns: the count, 0 when none.
    package func count(_ state: AssetState) -> Int {
        assetsByState[state] ?? 0
    }

    /// The number of assets in any state.
    package var totalAssets: Int {
        assetsByState.values.reduce(0, +)
    }
}
