import Synchronization

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

/// Counts pins per digest. Removing an object happens under the same lock, so a pin taken before the removal
/// check wins and a pin taken after it waits until the removal (and the index update made with it) is done.
final class PinRegistry: Sendable {
    private let counts = Mutex<[ContentDigest: Int]>([:])

    func pin(_ digest: ContentDigest) -> ObjectPin {
        counts.withLock { $0[digest, default: 0] += 1 }
        return ObjectPin(digest: digest, registry: self)
    }

    func unpin(_ digest: ContentDigest) {
        counts.withLock { counts in
            guard let count = counts[digest] else { return }
            counts[digest] = count > 1 ? count - 1 : nil
        }
    }

    func isPinned(_ digest: ContentDigest) -> Bool {
        counts.withLock { $0[digest] != nil }
    }

    var pinned: Set<ContentDigest> {
        counts.withLock { Set($0.keys) }
    }

    /// Runs `body` under the lock when `digest` is not pinned.
    /// - Returns: nil when the digest is pinned (and `body` did not run), else what `body` returned.
    func ifUnpinned<Result>(_ digest: ContentDigest, _ body: () throws(StoreError) -> Result) throws(StoreError)
        -> Result?
    {
        try counts.withLock { (counts) throws(StoreError) -> Result? in
            if counts[digest] != nil {
                return nil
            }
            return try body()
        }
    }
}
