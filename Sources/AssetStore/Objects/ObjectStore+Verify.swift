/// How far `verify` has got; reported after each object.
package struct VerifyProgress: Sendable, Equatable {
    /// Objects hashed so far.
    package var objectsChecked: Int
    /// Objects listed at the start.
    package var objectCount: Int
    /// Bytes hashed so far.
    package var bytesChecked: Int64
    /// Bytes listed at the start.
    package var byteCount: Int64

    /// Makes a progress report.
    package init(objectsChecked: Int, objectCount: Int, bytesChecked: Int64, byteCount: Int64) {
        self.objectsChecked = objectsChecked
        self.objectCount = objectCount
        self.bytesChecked = bytesChecked
        self.byteCount = byteCount
    }
}

/// What `verify` found.
package struct VerifyReport: Sendable, Equatable {
    /// Objects hashed.
    package var objectsChecked = 0
    /// Bytes hashed.
    package var bytesChecked: Int64 = 0
    /// Objects whose bytes do not match their name (or could not be read: EIO), in digest order.
    package var damaged: [ContentDigest] = []
    /// Objects that disappeared between listing and hashing (evicted meanwhile).
    package var vanished: [ContentDigest] = []
    /// Entries in shard directories that are not objects (left alone; GC moves them to quarantine).
    package var strays: [String] = []
}

extension ObjectStore {
    /// Re-hashes every object with a fixed 64 KiB buffer and reports those that do not match their name.
    ///
    /// Memory stays bounded: a first pass only counts objects and bytes (for progress), the second lists and
    /// hashes one shard directory (1/256 of the objects) at a time. Nothing is moved: `quarantine(_:beforeMove:)`
    /// does that, with the index update. Blocks the calling thread for the whole run.
    /// - Parameter progress: Called after each object.
    /// - Returns: The counts and the damaged and vanished digests.
    /// - Throws: `StoreError` when a directory cannot be read; a read error on one object (EIO) counts as damage.
    package func verify(progress: (VerifyProgress) -> Void = { _ in }) throws(StoreError) -> VerifyReport {
        var state = VerifyProgress(objectsChecked: 0, objectCount: 0, bytesChecked: 0, byteCount: 0)
        for shard in ObjectLayout.shardNames {
            let listing = try listObjects(inShard: shard)
            state.objectCount += listing.objects.count
            state.byteCount += listing.objects.reduce(0) { $0 + $1.byteCount }
        }
        var report = VerifyReport()
        for shard in ObjectLayout.shardNames {
            let listing = try listObjects(inShard: shard)
            report.strays += listing.strays
            for object in listing.objects {
                let path = path(for: object.digest)
                state.objectsChecked += 1
                do {
                    let (actual, count) = try ObjectStore.hashFile(at: path)
                    report.objectsChecked += 1
                    report.bytesChecked += count
                    state.bytesChecked += count
                    if actual != object.digest {
                        report.damaged.append(object.digest)
                    }
                } catch  where error.code == .notFound {
                    report.vanished.append(object.digest)
                } catch  where error.code == .ioError {
                    report.objectsChecked += 1
                    report.damaged.append(object.digest)
                }
                progress(state)
            }
        }
        return report
    }

    /// Moves an object to `quarantine/<digest>.<random>` unless it is pinned; `beforeMove` (the index update) runs
    /// first, with the digest reserved as for a removal.
    /// - Parameters:
    ///   - digest: The object.
    ///   - beforeMove: The index update; a throw leaves the file in place.
    /// - Returns: False when the object is pinned and nothing happened (verify again later).
    /// - Throws: What `beforeMove` throws, or `StoreError` from `rename`.
    package func quarantine(
        _ digest: ContentDigest,
        beforeMove: () async throws(StoreError) -> Void = {}
    ) async throws(StoreError) -> Bool {
        guard pins.reserveForRemoval(digest) else {
            return false
        }
        defer { pins.endRemoval(digest) }
        try await beforeMove()
        try FileSystem.move(path(for: digest), to: layout.quarantinePath(for: digest, suffix: Self.randomSuffix()))
        return true
    }

    /// Moves a stray entry of a shard directory to `quarantine/stray.<random>`.
    /// - Parameter path: The entry's path, as listed by `listObjects`.
    /// - Throws: `StoreError` from `rename`.
    package func quarantineStray(at path: String) throws(StoreError) {
        try FileSystem.move(path, to: "\(layout.quarantineDirectory)/stray.\(Self.randomSuffix())")
    }

    static func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }
}
