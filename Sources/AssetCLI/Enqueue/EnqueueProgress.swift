package import AssetAPI

/// What `enqueue --wait` knows about the assets of the articles it submitted (pure state, fed by submission
/// results, `asset` events and re-read article documents).
///
/// An asset is done once `cached`, `failed` or `evicted`; only `cached` counts as success. Each feed returns the
/// assets that became done (or stopped being done) so plain output can print one line per asset.
package struct EnqueueProgress: Sendable, Equatable {
    /// An asset that ended in a state other than cached, with the reason to print.
    package struct Failure: Sendable, Equatable {
        package var url: String
        package var reason: String

        package init(url: String, reason: String) {
            self.url = url
            self.reason = reason
        }
    }

    /// An asset reaching a final state.
    package enum Change: Sendable, Equatable {
        case cached(url: String, byteCount: Int64?)
        case failed(Failure)
    }

    private struct Entry: Sendable, Equatable {
        var url: String
        var state: AssetState
        var byteCount: Int64?
        var error: AssetFailure?
    }

    private var entries: [Int64: Entry] = [:]
    /// Entries neither cached nor failed (kept as entries change, so `isFinished` is cheap on every event).
    private var unfinishedCount = 0
    private var order: [Int64] = []
    private var articles: Set<Int64> = []
    /// Bytes of assets that became cached while waiting (not those cached before), for the rate.
    package private(set) var transferredBytes: Int64 = 0

    package init() {}

    /// The articles being followed.
    package var articleIDs: Set<Int64> { articles }

    /// Starts following an article and its assets in the states the daemon answered with.
    package mutating func add(_ result: ArticleSubmissionResult) -> [Change] {
        articles.insert(result.id)
        return result.assets.compactMap { update(with: $0, isInitial: true) }
    }

    /// Applies one asset event; events of assets not followed are ignored.
    package mutating func apply(_ transition: AssetTransition) -> [Change] {
        let isOurs = entries[transition.assetID] != nil || transition.articleIDs.contains(where: articles.contains)
        guard isOurs else {
            return []
        }
        let entry = Entry(
            url: transition.url,
            state: transition.to,
            byteCount: transition.byteCount ?? entries[transition.assetID]?.byteCount,
            error: transition.error
        )
        return set(transition.assetID, entry, isInitial: false).map { [$0] } ?? []
    }

    /// Brings the article's assets up to date with its document (the authoritative answer).
    package mutating func reconcile(_ article: ArticleDocument) -> [Change] {
        articles.insert(article.id)
        return article.assets.compactMap { update(with: $0, isInitial: false) }
    }

    /// Assets followed.
    package var total: Int { entries.count }
    /// Assets cached.
    package var cached: Int { entries.values.count { $0.state == .cached } }
    /// Assets done without being cached.
    package var failed: Int { entries.values.count { Self.isFailure($0.state) } }
    /// Assets in a final state.
    package var done: Int { cached + failed }
    /// Bytes of the cached assets.
    package var bytes: Int64 { entries.values.reduce(0) { $0 + ($1.state == .cached ? $1.byteCount ?? 0 : 0) } }
    /// Whether every asset followed is in a final state.
    package var isFinished: Bool { unfinishedCount == 0 }
    /// The assets that ended without being cached, in the order they were first seen.
    package var failures: [Failure] {
        order.compactMap { id in
            guard let entry = entries[id], Self.isFailure(entry.state) else { return nil }
            return Self.failure(entry)
        }
    }

    private mutating func update(with record: AssetRecord, isInitial: Bool) -> Change? {
        let entry = Entry(url: record.url, state: record.state, byteCount: record.byteCount, error: record.error)
        return set(record.id, entry, isInitial: isInitial)
    }

    private mutating func set(_ id: Int64, _ entry: Entry, isInitial: Bool) -> Change? {
        let previous = entries[id]
        if previous == nil {
            order.append(id)
        }
        entries[id] = entry
        unfinishedCount += (Self.isDone(entry.state) ? 0 : 1) - (previous.map { Self.isDone($0.state) ? 0 : 1 } ?? 0)
        guard previous?.state != entry.state else {
            return nil
        }
        switch entry.state {
        case .cached:
            if !isInitial { transferredBytes += entry.byteCount ?? 0 }
            return .cached(url: entry.url, byteCount: entry.byteCount)
        case .failed, .evicted:
            return .failed(Self.failure(entry))
        case .queued, .fetching:
            return nil
        }
    }

    private static func isDone(_ state: AssetState) -> Bool {
        state == .cached || isFailure(state)
    }

    private static func isFailure(_ state: AssetState) -> Bool {
        state == .failed || state == .evicted
    }

    private static func failure(_ entry: Entry) -> Failure {
        if entry.state == .evicted {
            return Failure(url: entry.url, reason: "evicted to honour the cache limit")
        }
        let reason = entry.error.map { "\($0.code): \($0.message)" } ?? "failed"
        return Failure(url: entry.url, reason: reason)
    }
}
