/// How many assets are in each state; every state is always present on the wire.
package struct AssetStateCounts: Sendable, Hashable, Codable {
    /// Assets waiting for a slot or a retry time.
    package var queued: Int
    /// Assets being transferred.
    package var fetching: Int
    /// Assets in the cache.
    package var cached: Int
    /// Assets that failed for good.
    package var failed: Int
    /// Assets whose bytes were evicted.
    package var evicted: Int

    /// Creates counts; absent states count zero.
    /// - Parameters:
    ///   - queued: queued assets.
    ///   - fetching: fetching assets.
    ///   - cached: cached assets.
    ///   - failed: failed assets.
    ///   - evicted: evicted assets.
    package init(queued: Int = 0, fetching: Int = 0, cached: Int = 0, failed: Int = 0, evicted: Int = 0) {
        self.queued = queued
        self.fetching = fetching
        self.cached = cached
        self.failed = failed
        self.evicted = evicted
    }

    /// The count of one state.
    package subscript(state: AssetState) -> Int {
        get {
            switch state {
            case .queued: queued
            case .fetching: fetching
            case .cached: cached
            case .failed: failed
            case .evicted: evicted
            }
        }
        set {
            switch state {
            case .queued: queued = newValue
            case .fetching: fetching = newValue
            case .cached: cached = newValue
            case .failed: failed = newValue
            case .evicted: evicted = newValue
            }
        }
    }

    /// The sum over every state.
    package var total: Int { queued + fetching + cached + failed + evicted }
}
