package import FoundationEssentials

/// One row of `objects`: a durable content-addressed file known to the index.
package struct ObjectRecord: Sendable, Hashable {
    /// The digest of the bytes; the primary key.
    package var digest: ContentDigest
    /// The size in bytes.
    package var byteCount: Int64
    /// The Content-Type recorded when it was first stored, if any.
    package var contentType: String?
    /// When it was first recorded.
    package var createdAt: Date
    /// When it was last read or stored; eviction removes the oldest first.
    package var lastAccessAt: Date

    /// Creates a record value.
    package init(digest: ContentDigest, byteCount: Int64, contentType: String?, createdAt: Date, lastAccessAt: Date) {
        self.digest = digest
        self.byteCount = byteCount
        self.contentType = contentType
        self.createdAt = createdAt
        self.lastAccessAt = lastAccessAt
    }
}
