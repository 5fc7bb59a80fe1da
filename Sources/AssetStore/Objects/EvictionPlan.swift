/// An object the eviction planner may choose.
package struct EvictionCandidate: Sendable, Equatable {
    /// The object.
    package var digest: ContentDigest
    /// Its size in bytes.
    package var byteCount: Int64
    /// When it was last read or committed (any monotonic unit; only the order matters).
    package var lastAccess: Int64

    /// Makes a candidate.
    package init(digest: ContentDigest, byteCount: Int64, lastAccess: Int64) {
        self.digest = digest
        self.byteCount = byteCount
        self.lastAccess = lastAccess
    }
}

/// Which objects to evict to bring the cache under its limit, least recently used first. Pure.
package struct EvictionPlan: Sendable, Equatable {
    /// The objects to remove, in order.
    package var victims: [ContentDigest]
    /// Bytes the victims hold.
    package var bytesFreed: Int64
    /// Bytes left after removing them; above the limit when pinned objects alone exceed it.
    package var bytesRemaining: Int64

    /// Chooses victims: oldest `lastAccess` first (ties by digest, so the plan is deterministic), skipping pinned
    /// objects, until the total is at most `limit`.
    /// - Parameters:
    ///   - candidates: Every evictable object (pinned ones included; they count but are never chosen).
    ///   - otherBytes: Bytes held by objects that are never evicted (articles' bytes); they count toward the total.
    ///   - limit: `max-cache-bytes`.
    ///   - pinned: Objects being read or committed, never chosen.
    /// - Returns: The plan; empty when the total is within the limit.
    package static func make(
        candidates: [EvictionCandidate],
        otherBytes: Int64 = 0,
        limit: Int64,
        pinned: Set<ContentDigest> = []
    ) -> EvictionPlan {
        var remaining = candidates.reduce(otherBytes) { $0 + $1.byteCount }
        var plan = EvictionPlan(victims: [], bytesFreed: 0, bytesRemaining: remaining)
        guard remaining > limit else {
            return plan
        }
        let ordered = candidates.sorted { lhs, rhs in
            lhs.lastAccess != rhs.lastAccess ? lhs.lastAccess < rhs.lastAccess : lhs.digest < rhs.digest
        }
        for candidate in ordered where !pinned.contains(candidate.digest) {
            if remaining <= limit {
                break
            }
            plan.victims.append(candidate.digest)
            plan.bytesFreed += candidate.byteCount
            remaining -= candidate.byteCount
        }
        plan.bytesRemaining = remaining
        return plan
    }
}
