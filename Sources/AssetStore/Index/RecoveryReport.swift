/// What start-up recovery changed in the index.
package struct RecoveryReport: Sendable, Hashable {
    /// Assets found `fetching` (in flight at the crash or stop) that went back to `queued`.
    package var interrupted: Int
    /// Object rows whose file is missing, removed from the index.
    package var missingObjects: Int
    /// Cached assets whose object is missing, back to `queued`.
    package var lostAssets: Int
    /// Digests of articles' objects that are missing; these articles cannot be parsed again (reported, kept).
    package var missingArticleDigests: [ContentDigest]

    /// Creates a report value.
    package init(interrupted: Int, missingObjects: Int, lostAssets: Int, missingArticleDigests: [ContentDigest]) {
        self.interrupted = interrupted
        self.missingObjects = missingObjects
        self.lostAssets = lostAssets
        self.missingArticleDigests = missingArticleDigests
    }
}
