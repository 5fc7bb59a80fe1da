import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Keeps one object from being evicted, quarantined or collected while it is held.
///
/// Readers hold a pin while a file is open; a committed object stays pinned until its index row is written.
/// The pin is released by `release()` or when the last reference goes away. Thread-safe.
package final class ObjectPin: Sendable {
    /// The pinned object's digest.
    package let digest: ContentDigest
    private let registry: PinRegistry
    private let isHeld = Mutex(true)

    init(digest: ContentDigest, registry: PinRegistry) {
        self.digest = digest
        self.registry = registry
    }

    /// Releases the pin; later calls do nothing.
    package func release() {
        let wasHeld = isHeld.withLock { held in
            let was = held
            held = false
            return was
        }
        if wasHeld {
            registry.unpin(digest)
        }
    }

    deinit {
        release()
    }
}

/// Counts pins per digest and reserves digests being removed, so that pins and removals exclude each other.
///
/// A removal reserves the digest only when nobody pins it; it then updates the index (asynchronously) and
/// removes the file, and ends the reservation. While a digest is reserved, a committer's pin waits until the
/// removal is over (so its `link` creates a fresh file instead of deduplicating onto one about to go), and a
/// reader's pin fails (the object is going away).
final class PinRegistry: Sendable {
    private struct State {
        var counts: [ContentDigest: Int] = [:]
        var reserved: Set<ContentDigest> = []
    }

    private let state = Mutex(State())

    /// Pins a digest, waiting (by sleeping 1 ms at a time) while a removal of it is under way.
    func pinWaitingForRemoval(_ digest: ContentDigest) -> ObjectPin {
        while true {
            let pinned = state.withLock { state -> Bool in
                guard !state.reserved.contains(digest) else { return false }
                state.counts[digest, default: 0] += 1
                return true
            }
            if pinned {
                return ObjectPin(digest: digest, registry: self)
            }
            usleep(1000)
        }
    }

    /// Pins a digest unless a removal of it is under way.
    /// - Returns: nil when the digest is being removed.
    func pinUnlessRemoving(_ digest: ContentDigest) -> ObjectPin? {
        let pinned = state.withLock { state -> Bool in
            guard !state.reserved.contains(digest) else { return false }
            state.counts[digest, default: 0] += 1
            return true
        }
        return pinned ? ObjectPin(digest: digest, registry: self) : nil
    }

    func unpin(_ digest: ContentDigest) {
        state.withLock { state in
            guard let count = state.counts[digest] else { return }
            state.counts[digest] = count > 1 ? count - 1 : nil
        }
    }

    var pinned: Set<ContentDigest> {
        state.withLock { Set($0.counts.keys) }
    }

    /// Reserves a digest for removal when nobody pins it and no other removal holds it.
    /// - Returns: False when the digest is pinned or reserved already.
    func reserveForRemoval(_ digest: ContentDigest) -> Bool {
        state.withLock { state in
            guard state.counts[digest] == nil else { return false }
            return state.reserved.insert(digest).inserted
        }
    }

    func endRemoval(_ digest: ContentDigest) {
        _ = state.withLock { $0.reserved.remove(digest) }
    }
}
