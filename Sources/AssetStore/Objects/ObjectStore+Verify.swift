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
    /// Objects whose bytes did not match their name; moved to `quarantine/`, their assets need fetching again.
    package var quarantined: [ContentDigest] = []
    /// Objects that did not match but were pinned (being read or committed); left in place, verify again later.
    package var busy: [ContentDigest] = []
    /// Objects that disappeared between listing and hashing (evicted meanwhile).
    package var vanished: [ContentDigest] = []
    /// Entries in shard directories that are not objects (left alone; GC moves them to quarantine).
    package var strays: [String] = []
}

extension ObjectStore {
    /// Re-hashes every object with a fixed 64 KiB buffer and quarantines those that do not match their name.
    ///
    /// Memory stays bounded by the listing (one small record per object) plus the buffer. A mismatching object is
    /// renamed to `quarantine/<digest>.<random>` under the pin lock, after `beforeQuarantine` (the index update)
    /// ran, unless it is pinned. Blocks the calling thread for the whole run.
    /// - Parameters:
    ///   - beforeQuarantine: Runs for each mismatching, unpinned object before it is moved (under the pin lock).
    ///   - progress: Called after each object.
    /// - Returns: The counts and the digests quarantined, busy and vanished.
    /// - Throws: `StoreError` when a directory cannot be read or a file cannot be moved; a read error on one
    ///   object (EIO) counts as a mismatch.
    package func verify(
        beforeQuarantine: (ContentDigest) throws(StoreError) -> Void = { _ in },
        progress: (VerifyProgress) -> Void = { _ in }
    ) throws(StoreError) -> VerifyReport {
        let listing = try listObjects()
        var report = VerifyReport(strays: listing.strays)
        var state = VerifyProgress(
            objectsChecked: 0,
            objectCount: listing.objects.count,
            bytesChecked: 0,
            byteCount: listing.objects.reduce(0) { $0 + $1.byteCount }
        )
        for object in listing.objects {
            let path = path(for: object.digest)
            let isIntact: Bool
            do {
                let (actual, count) = try ObjectStore.hashFile(at: path)
                isIntact = actual == object.digest
                report.bytesChecked += count
                state.bytesChecked += count
            } catch  where error.code == .notFound {
                report.vanished.append(object.digest)
                state.objectsChecked += 1
                progress(state)
                continue
            } catch  where error.code == .ioError {
                isIntact = false
            }
            report.objectsChecked += 1
            state.objectsChecked += 1
            if !isIntact {
                if try quarantine(object.digest, beforeMove: beforeQuarantine) {
                    report.quarantined.append(object.digest)
                } else {
                    report.busy.append(object.digest)
                }
            }
            progress(state)
        }
        return report
    }

    /// Moves an object to `quarantine/` unless it is pinned; `beforeMove` runs first, under the pin lock.
    /// - Parameters:
    ///   - digest: The object.
    ///   - beforeMove: The index update; a throw leaves the file in place.
    /// - Returns: False when the object is pinned and nothing happened.
    /// - Throws: What `beforeMove` throws, or `StoreError` from `rename`.
    package func quarantine(
        _ digest: ContentDigest,
        beforeMove: (ContentDigest) throws(StoreError) -> Void = { _ in }
    ) throws(StoreError) -> Bool {
        let moved = try pins.ifUnpinned(digest) { () throws(StoreError) -> Bool in
            try beforeMove(digest)
            try FileSystem.move(path(for: digest), to: layout.quarantinePath(for: digest, suffix: Self.randomSuffix()))
            return true
        }
        return moved ?? false
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
