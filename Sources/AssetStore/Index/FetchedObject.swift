package import FoundationEssentials

/// The result of a successful transfer as the index records it: the committed object and the response's validators.
package struct FetchedObject: Sendable, Hashable {
    /// The digest of the committed (fsynced, renamed) object.
    package var digest: ContentDigest
    /// Its size in bytes.
    package var byteCount: Int64
    /// The response's Content-Type, if any.
    package var contentType: String?
    /// The response's ETag, if any.
    package var etag: String?
    /// The response's Last-Modified, if any.
    package var lastModified: String?

    /// Creates a fetched-object value.
    package init(
        digest: ContentDigest,
        byteCount: Int64,
        contentType: String?,
        etag: String? = nil,
        lastModified: String? = nil
    ) {
        self.digest = digest
        self.byteCount = byteCount
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// One successful transfer to record with ``IndexDatabase/markFetched(_:)``.
package struct FetchedAsset: Sendable, Hashable {
    /// The asset, which must be `fetching`.
    package var id: AssetID
    /// The committed object and the response's validators.
    package var object: FetchedObject
    /// The time to record.
    package var time: Date

    /// Creates a value.
    package init(id: AssetID, object: FetchedObject, time: Date) {
        self.id = id
        self.object = object
        self.time = time
    }
}
