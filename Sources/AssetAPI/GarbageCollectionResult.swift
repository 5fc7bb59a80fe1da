/// The answer to `POST /v1/gc`: unreferenced objects and stale ingest files removed, and evictions to fit the limit.
package struct GarbageCollectionResult: Sendable, Hashable, Codable {
    /// Objects deleted because no asset or article references them.
    package var removedObjects: Int
    /// Objects evicted (least recently used) to get under `max-cache-bytes`.
    package var evictedObjects: Int
    /// Leftover `ingest/*.part` files deleted.
    package var removedIngestFiles: Int
    /// Bytes freed in total.
    package var freedBytes: Int64

    enum CodingKeys: String, CodingKey {
        case removedObjects = "removed_objects"
        case evictedObjects = "evicted_objects"
        case removedIngestFiles = "removed_ingest_files"
        case freedBytes = "freed_bytes"
    }

    /// Creates a garbage-collection result.
    /// - Parameters:
    ///   - removedObjects: unreferenced objects deleted.
    ///   - evictedObjects: objects evicted for the limit.
    ///   - removedIngestFiles: ingest files deleted.
    ///   - freedBytes: bytes freed.
    package init(removedObjects: Int, evictedObjects: Int, removedIngestFiles: Int, freedBytes: Int64) {
        self.removedObjects = removedObjects
        self.evictedObjects = evictedObjects
        self.removedIngestFiles = removedIngestFiles
        self.freedBytes = freedBytes
    }
}
