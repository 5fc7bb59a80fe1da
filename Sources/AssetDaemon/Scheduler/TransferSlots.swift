/// What the scheduler's claimed assets hold: a transfer slot while the body arrives, then a place among the settling
/// assets while the body is made durable and recorded.
///
/// `concurrency` and `per-host` limit connections to origins, so an asset whose body has arrived gives its slot
/// back before its commit (file fsync, link, directory fsync, index transaction), which takes longer than a small
/// transfer on a fast network. At most `settlingLimit` assets settle at once; more wait for their turn by holding
/// back new claims, so a slow disk slows the transfers rather than piling up open files.
package struct TransferSlots: Sendable, Equatable {
    /// The transfers allowed at once.
    package let concurrency: Int
    /// The assets allowed to settle at once: `max(concurrency, 32)`.
    package let settlingLimit: Int
    /// Assets whose body is still arriving.
    package private(set) var transferring = 0
    /// Assets whose body has arrived and is being committed, in all.
    package private(set) var settling = 0
    /// The same per host key, for the claim's `per-host` count (these assets are still `fetching` in the index).
    package private(set) var settlingByHost: [String: Int] = [:]

    /// Creates empty slots.
    /// - Parameter concurrency: the transfers allowed at once.
    package init(concurrency: Int) {
        self.concurrency = concurrency
        settlingLimit = max(concurrency, 32)
    }

    /// The free transfer slots when they are worth a claim, or nil.
    ///
    /// Any number while nothing transfers; otherwise at least an eighth of `concurrency` (one below 16 slots), since
    /// each claim is an index transaction and one per finished transfer made those a large share of the daemon's
    /// work with many slots (the slots stay at least seven eighths full). Nil while `settlingLimit` assets settle.
    package var claimable: Int? {
        let free = concurrency - transferring
        guard settling < settlingLimit, free > 0, transferring == 0 || free >= max(1, concurrency / 8) else {
            return nil
        }
        return free
    }

    /// A claimed asset's transfer starts.
    package mutating func start() {
        transferring += 1
    }

    /// The body of a transfer to `host` has arrived; its slot is free and the asset settles.
    package mutating func bodyReceived(host: String) {
        transferring -= 1
        settling += 1
        settlingByHost[host, default: 0] += 1
    }

    /// The asset is done: failed or cancelled while transferring, or recorded after settling.
    /// - Parameters:
    ///   - host: its host key.
    ///   - settled: whether it got as far as ``bodyReceived(host:)``.
    package mutating func finish(host: String, settled: Bool) {
        guard settled else { return transferring -= 1 }
        settling -= 1
        let left = settlingByHost[host, default: 1] - 1
        settlingByHost[host] = left > 0 ? left : nil
    }
}
