/// What garbage collection should do, from what is on disk and what the index names. Pure.
package struct GarbageCollectionPlan: Sendable, Equatable {
    /// On disk, absent from the index, not pinned: hash them, then add their index row (or quarantine a mismatch).
    package var orphans: [ContentDigest]
    /// Named by the index, absent from disk: their rows go, their assets back to `queued`.
    package var missing: [ContentDigest]

    /// Compares the two sets.
    /// - Parameters:
    ///   - onDisk: Digests of the object files listed.
    ///   - indexed: Digests of the index's object rows.
    ///   - pinned: Digests being read or committed: a commit may have published the file without its row yet.
    /// - Returns: Orphans and missing objects, each sorted by digest.
    package static func make(
        onDisk: Set<ContentDigest>,
        indexed: Set<ContentDigest>,
        pinned: Set<ContentDigest> = []
    ) -> GarbageCollectionPlan {
        GarbageCollectionPlan(
            orphans: onDisk.subtracting(indexed).subtracting(pinned).sorted(),
            missing: indexed.subtracting(onDisk).sorted()
        )
    }
}
