package import AssetAPI
package import AssetFetch
package import AssetStore
import FoundationEssentials
package import Logging
import Synchronization

/// Everything the daemon's services and routes share: the configuration, the store, the fetch engine, the event
/// hub, statistics and metrics. Thread-safe; the store and engine are, and the rest are atomics or locked.
package final class DaemonCore: Sendable {
    /// The daemon's version, reported by `--version` and `GET /v1/status`.
    package static let version = "0.1.0"

    package let configuration: DaemonConfiguration
    package let paths: DaemonPaths
    package let store: Store
    package let engine: FetchEngine
    package let events: EventHub
    package let statistics: TransferStatistics
    package let metrics: DaemonMetrics
    package let logger: Logger
    /// Wakes the scheduler when work is enqueued.
    let wake = WakeSignal()
    /// Analyses of recently enqueued articles, by bytes and options.
    let analyses = AnalysisCache()
    private let articleCount: Atomic<Int>
    private let articleLinks = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)

    /// Assembles the core around an open store and a running engine.
    /// - Parameters:
    ///   - configuration: The validated configuration.
    ///   - paths: The resolved paths.
    ///   - store: The open store (recovery done).
    ///   - engine: The fetch engine.
    ///   - logger: The daemon's logger.
    package init(
        configuration: DaemonConfiguration,
        paths: DaemonPaths,
        store: Store,
        engine: FetchEngine,
        logger: Logger
    ) async throws(StoreError) {
        self.configuration = configuration
        self.paths = paths
        self.store = store
        self.engine = engine
        self.logger = logger
        events = EventHub()
        statistics = TransferStatistics()
        metrics = DaemonMetrics()
        articleCount = Atomic(try await Self.countArticles(store.index))
    }

    /// Whether a graceful shutdown has begun (the control API then answers 503 to new work).
    package var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Marks the daemon as stopping.
    package func beginStopping() {
        stopping.store(true, ordering: .releasing)
    }

    /// The number of articles enqueued over the index's life.
    package var articles: Int { articleCount.load(ordering: .relaxed) }

    /// Called after each enqueue has committed: counts the article and moves ``articleLinkGeneration``.
    func articleAdded() {
        articleCount.add(1, ordering: .relaxed)
        articleLinks.add(1, ordering: .sequentiallyConsistent)
    }

    /// Moves after every committed enqueue, the only change to which articles reference an asset (articles are never
    /// deleted). Article ids read after seeing a generation are still whole while the generation has not moved.
    var articleLinkGeneration: Int { articleLinks.load(ordering: .sequentiallyConsistent) }

    /// Counts and rates for `GET /v1/status`, `STATUS=` and the periodic status event.
    /// - Returns: The status now.
    /// - Throws: `StoreError` with code `database`.
    package func status() async throws(StoreError) -> StatusDocument {
        let counts = try await store.index.counts()
        var assets = AssetStateCounts()
        for state in AssetStore.AssetState.allCases {
            if let apiState = AssetAPI.AssetState(rawValue: state.rawValue) {
                assets[apiState] = counts.count(state)
            }
        }
        let now = Date()
        let active = statistics.activeTransfers
        metrics.update(
            queued: counts.count(.queued),
            active: active,
            bytes: counts.objectBytes,
            objects: counts.objectCount
        )
        return StatusDocument(
            version: Self.version,
            assets: assets,
            articles: articles,
            objects: counts.objectCount,
            bytes: counts.objectBytes,
            cacheLimitBytes: configuration.maxCacheBytes,
            activeTransfers: active,
            transferRate: statistics.sampleRate(),
            startedAt: statistics.startedAt,
            uptimeSeconds: now.timeIntervalSince(statistics.startedAt)
        )
    }

    /// Publishes an asset's change of state to `GET /v1/events` subscribers.
    /// - Parameters:
    ///   - record: The asset after the change.
    ///   - from: Its state before, if known.
    ///   - knownArticleIDs: The articles referencing it, when the caller read them already (for many assets in one
    ///     query); nil reads them from the index.
    package func publishTransition(
        _ record: AssetStore.AssetRecord,
        from: AssetStore.AssetState?,
        knownArticleIDs: [Int64]? = nil
    ) async {
        guard let target = AssetAPI.AssetState(rawValue: record.state.rawValue), events.wantsTransitions(to: target)
        else { return }
        let articleIDs: [Int64]
        if let knownArticleIDs {
            articleIDs = knownArticleIDs
        } else {
            do {
                articleIDs = try await store.index.articles(referencing: record.id).map(\.rawValue)
            } catch {
                // The transition still goes out; only its article ids are missing.
                logger.warning(
                    "cannot read the articles of an asset for its event",
                    metadata: ["fetch.url": "\(record.url)", "error": "\(error)"]
                )
                articleIDs = []
            }
        }
        let api = APIDocuments.asset(record, articleIDs: articleIDs, objectPath: nil)
        events.publish(
            .asset(
                AssetTransition(
                    assetID: record.id.rawValue,
                    url: record.url,
                    articleIDs: articleIDs,
                    from: from.flatMap { AssetAPI.AssetState(rawValue: $0.rawValue) },
                    to: api.state,
                    sha256: record.digest?.hex,
                    byteCount: record.byteCount,
                    error: record.state == .failed || (record.state == .queued && record.attempts > 0)
                        ? api.error : nil,
                    at: record.updatedAt
                )
            )
        )
    }

    /// The articles referencing each asset, for publishing many transitions at once; nil when nobody listens for
    /// any of `targets` or the read fails (each publication then reads its own).
    /// - Parameters:
    ///   - assets: The assets about to be published.
    ///   - targets: The states the transitions to be published go to; by default the assets' current state.
    /// - Returns: Article ids by asset, or nil.
    package func articleIDsForEvents(
        of assets: [AssetStore.AssetRecord],
        targets: [AssetStore.AssetState]? = nil
    ) async -> [AssetID: [Int64]]? {
        guard let first = assets.first else { return nil }
        let wanted = (targets ?? [first.state]).contains { target in
            AssetAPI.AssetState(rawValue: target.rawValue).map { events.wantsTransitions(to: $0) } ?? false
        }
        guard wanted else { return nil }
        return try? await store.index.articles(referencing: assets.map(\.id)).mapValues { $0.map(\.rawValue) }
    }

    /// The number of articles in the index: rows are never deleted, so it is the largest id (found by probing).
    private static func countArticles(_ index: IndexDatabase) async throws(StoreError) -> Int {
        var high: Int64 = 1
        while try await index.article(id: ArticleID(rawValue: high)) != nil {
            high *= 2
        }
        var low: Int64 = 0  // largest id known to exist (0: none)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if try await index.article(id: ArticleID(rawValue: middle)) != nil {
                low = middle
            } else {
                high = middle
            }
        }
        return Int(low)
    }
}
