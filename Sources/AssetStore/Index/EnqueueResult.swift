/// What enqueueing an article did: its id, its assets as they stand afterwards, and how each was treated.
package struct EnqueueResult: Sendable, Hashable {
    /// The new article's id.
    package var articleID: ArticleID
    /// The article's distinct assets in first-reference order, after the enqueue.
    package var assets: [AssetRecord]
    /// Assets created by this enqueue (new URLs).
    package var newlyQueued: Int
    /// Assets that were failed or evicted and went back to the queue.
    package var requeued: Int
    /// Assets already queued or fetching for another article, now shared.
    package var shared: Int
    /// Assets already cached: nothing to fetch.
    package var alreadyCached: Int

    /// Creates a result value.
    package init(
        articleID: ArticleID,
        assets: [AssetRecord],
        newlyQueued: Int,
        requeued: Int,
        shared: Int,
        alreadyCached: Int
    ) {
        self.articleID = articleID
        self.assets = assets
        self.newlyQueued = newlyQueued
        self.requeued = requeued
        self.shared = shared
        self.alreadyCached = alreadyCached
    }
}
