import AssetFetch
import AssetStore
import FoundationEssentials
import Logging
import ServiceLifecycle
import Synchronization

/// The service that feeds due assets to the fetch engine and records the results.
///
/// Each turn of its loop claims up to the free transfer slots from the index (fairly across hosts, at most
/// `per-host` in flight per host), starts a transfer per asset as a child task, and then sleeps until something
/// changes: new work enqueued, a transfer finished, the next retry falls due, or the watchdog needs a ping
/// (`WATCHDOG=1` is sent from this loop, so a hung scheduler stops the pings). There is no polling.
///
/// A transfer streams its body into an ingest file; the object is committed (fsync, rename) before the index says
/// `cached`. The transfer's slot is free again once the body has arrived, while the asset settles
/// (``TransferSlots``). A failure is recorded with the retry schedule (transient → `queued` with `attempts+1` and a
/// persisted `next_attempt_at`; permanent or out of attempts → `failed` with its code). On graceful shutdown it stops
/// claiming, cancels the transfers in flight and puts them back to `queued`.
package final class FetchScheduler: Service {
    private let core: DaemonCore
    private let schedule: RetrySchedule
    private let notifications: NotificationSender
    private let watchdog: WatchdogSchedule?
    private let acceptPolicy: FetchPolicy
    private let slots: Mutex<TransferSlots>
    private let stopping = Atomic<Bool>(false)
    private let needsEviction = Atomic<Bool>(false)
    /// Times at which assets waiting for a retry fall due.
    private let retryTimes = Mutex<[Date]>([])
    private let lastWatchdogPing = Mutex<ContinuousClock.Instant>(.now)

    /// Creates the scheduler.
    /// - Parameters:
    ///   - core: The daemon's shared state.
    ///   - notifications: Where `WATCHDOG=1` goes.
    ///   - watchdog: The watchdog interval from the environment, or nil when systemd set none.
    package init(core: DaemonCore, notifications: NotificationSender, watchdog: WatchdogSchedule?) {
        self.core = core
        self.notifications = notifications
        self.watchdog = watchdog
        let configuration = core.configuration
        schedule = RetrySchedule(
            retries: configuration.retries,
            baseDelay: configuration.retryBaseDelay,
            maxDelay: configuration.retryMaxDelay
        )
        var policy = FetchPolicy()
        policy.acceptTypes = configuration.acceptTypes
        acceptPolicy = policy
        slots = Mutex(TransferSlots(concurrency: configuration.concurrency))
    }

    /// Transfers in flight (bodies still arriving).
    package var activeTransfers: Int { slots.withLock { $0.transferring } }

    package func run() async throws {
        await loadRetryTimes()
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                while !stopping.load(ordering: .acquiring) && !Task.isCancelled {
                    pingWatchdogIfDue()
                    await claimAndStart(in: &group)
                    await evictIfNeeded()
                    await core.wake.wait(timeout: nextWakeTimeout())
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.stopping.store(true, ordering: .releasing)
            self.core.wake.signal()
        }
        do {
            let requeued = try await core.store.index.interruptAllFetching(now: Date())
            if requeued > 0 {
                core.logger.info(
                    "returned transfers in flight to the queue",
                    metadata: ["scheduler.requeued": "\(requeued)"]
                )
            }
        } catch {
            core.logger.error("cannot return transfers in flight to the queue", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Loop steps

    private func claimAndStart(in group: inout DiscardingTaskGroup) async {
        let (free, settling) = slots.withLock { ($0.claimable, $0.settlingByHost) }
        guard let free, !stopping.load(ordering: .acquiring) else { return }
        let now = Date()
        retryTimes.withLock { $0.removeAll { $0 <= now } }
        let claimed: [AssetRecord]
        do {
            claimed = try await core.store.index.claimDueAssets(
                limit: free,
                perHostLimit: core.configuration.perHost,
                settling: settling,
                now: now
            )
        } catch {
            core.logger.error("cannot claim due assets", metadata: ["error": "\(error)"])
            return
        }
        // Read once for the claim, for the `fetching` event and for the outcome's as long as no enqueue came between.
        let generation = core.articleLinkGeneration
        let articleIDs = await core.articleIDsForEvents(of: claimed, targets: AssetState.allCases)
        for asset in claimed {
            slots.withLock { $0.start() }
            let known = articleIDs.map { ArticleIDsAtClaim(ids: $0[asset.id] ?? [], generation: generation) }
            group.addTask {
                let settled = await self.transfer(asset, articleIDs: known)
                self.slots.withLock { $0.finish(host: asset.host, settled: settled) }
                self.core.wake.signal()
            }
        }
    }

    private func evictIfNeeded() async {
        guard needsEviction.exchange(false, ordering: .acquiringAndReleasing) else { return }
        do {
            let report = try await core.store.evictIfNeeded(now: Date())
            if !report.evictedAssets.isEmpty {
                core.logger.debug("evicted assets", metadata: ["scheduler.evicted": "\(report.evictedAssets.count)"])
            }
        } catch {
            core.logger.error("eviction failed", metadata: ["error": "\(error)"])
        }
    }

    /// The wait until the next retry falls due or the watchdog needs a ping; nil to wait for a signal only.
    private func nextWakeTimeout() -> Duration? {
        var timeout: Duration?
        let now = Date()
        // Without slots to claim for, a finishing transfer wakes the loop; a due retry must not spin it meanwhile.
        if slots.withLock({ $0.claimable }) != nil, let earliest = retryTimes.withLock({ $0.min() }) {
            let milliseconds = Int64((earliest.timeIntervalSince(now) * 1000).rounded(.up)) + 1
            timeout = .milliseconds(max(1, milliseconds))
        }
        if let watchdog {
            let sincePing = lastWatchdogPing.withLock { $0 }.duration(to: .now)
            let untilPing = max(.zero, watchdog.pingInterval - sincePing)
            timeout = min(timeout ?? untilPing, untilPing)
        }
        return timeout
    }

    private func pingWatchdogIfDue() {
        guard let watchdog else { return }
        let now = ContinuousClock.now
        let isDue = lastWatchdogPing.withLock { last in
            guard last.duration(to: now) >= watchdog.pingInterval else { return false }
            last = now
            return true
        }
        if isDue {
            notifications.send(.watchdog)
        }
    }

    /// Reads the persisted retry schedule of queued assets once at start.
    private func loadRetryTimes() async {
        let now = Date()
        var cursor: AssetID?
        var times: [Date] = []
        do {
            repeat {
                let page = try await core.store.index.assets(in: .queued, after: cursor, limit: 1000)
                times += page.assets.compactMap(\.nextAttemptAt).filter { $0 > now }
                cursor = page.nextCursor
            } while cursor != nil
        } catch {
            core.logger.error("cannot read the retry schedule", metadata: ["error": "\(error)"])
        }
        retryTimes.withLock { $0 = times }
    }

    // MARK: One transfer

    /// Runs one transfer; `articleIDs` (read for the whole claim) go with its `fetching` event, and with the outcome's
    /// unless an enqueue came meanwhile.
    /// - Returns: whether the asset settled (its body arrived, so its slot was given back before the commit).
    private func transfer(_ asset: AssetRecord, articleIDs: ArticleIDsAtClaim?) async -> Bool {
        let started = ContinuousClock.now
        core.statistics.transferStarted()
        var settled = false
        defer {
            if !settled { core.statistics.transferEnded() }
        }
        await core.publishTransition(asset, from: .queued, knownArticleIDs: articleIDs?.ids)
        let after: AssetRecord?
        do throws(StoreError) {
            let writer = try core.store.makeWriter()
            after = try await fetch(asset, into: writer, settled: &settled)
        } catch {
            after = await record(FailureClassification.failure(for: error), of: asset)
        }
        guard let after else { return settled }
        let outcome = FailureClassification.outcome(after: after.state, attemptCounted: after.attempts > asset.attempts)
        core.metrics.recordTransfer(outcome: outcome, duration: started.duration(to: .now))
        if after.state == .queued, let due = after.nextAttemptAt {
            retryTimes.withLock { $0.append(due) }
        }
        let stillWhole = articleIDs.flatMap { $0.generation == core.articleLinkGeneration ? $0.ids : nil }
        await core.publishTransition(after, from: .fetching, knownArticleIDs: stillWhole)
        return settled
    }

    /// Fetches into `writer` and records the result; nil when the transfer was cancelled by shutdown.
    ///
    /// Once the body has arrived the asset settles: `settled` becomes true, the slot is given back and the loop is
    /// woken to claim for it, and then the body is committed.
    private func fetch(
        _ asset: AssetRecord,
        into writer: IngestWriter,
        settled: inout Bool
    ) async throws(StoreError) -> AssetRecord? {
        let statistics = core.statistics
        let metrics = core.metrics
        let policy = acceptPolicy
        let sink = IngestSink(
            writer: writer,
            accepts: { policy.accepts(contentType: $0) },
            onBytes: { count in
                statistics.received(byteCount: count)
                metrics.recordReceived(byteCount: count)
            }
        )
        let response: FetchResponse
        do {
            response = try await core.engine.fetch(FetchRequest(url: asset.url), into: sink)
        } catch {
            writer.abort()
            if error.code == .cancelled {
                // On shutdown the loop returns every `fetching` asset to the queue once all transfers have stopped.
                guard !stopping.load(ordering: .acquiring) else { return nil }
                do {
                    return try await core.store.index.markInterrupted(asset.id, now: Date())
                } catch {
                    // It stays `fetching` until start-up recovery requeues it; say so rather than lose it silently.
                    core.logger.error(
                        "cannot return a cancelled transfer to the queue",
                        metadata: ["fetch.url": "\(asset.url)", "error": "\(error)"]
                    )
                    return nil
                }
            }
            let now = Int64(Date().timeIntervalSince1970)
            let failure = FailureClassification.failure(for: IngestSink.normalized(error), now: now)
            core.logger.debug(
                "transfer failed",
                metadata: [
                    "fetch.url": "\(asset.url)", "fetch.error": "\(failure.code)",
                    "fetch.message": "\(failure.message)",
                ]
            )
            return await record(failure, of: asset)
        }
        settled = true
        slots.withLock { $0.bodyReceived(host: asset.host) }
        core.statistics.transferEnded()
        core.wake.signal()
        let cached = try await core.store.commitFetched(
            writer,
            expectedLength: response.head.contentLength,
            asset: asset.id,
            contentType: response.head.contentType
        )
        if core.store.maxCacheBytes != nil {
            needsEviction.store(true, ordering: .releasing)
        }
        return cached
    }

    private func record(_ failure: AssetStore.AssetFailure, of asset: AssetRecord) async -> AssetRecord? {
        do {
            let after = try await core.store.index.markFailed(
                asset.id,
                failure: failure,
                schedule: schedule,
                jitter: Double.random(in: 0...1),
                now: Date()
            )
            if after.state == .failed {
                core.logger.info(
                    "asset failed",
                    metadata: [
                        "fetch.url": "\(asset.url)", "fetch.error": "\(failure.code)",
                        "fetch.message": "\(failure.message)",
                    ]
                )
            }
            return after
        } catch {
            core.logger.error(
                "cannot record a failed transfer",
                metadata: ["fetch.url": "\(asset.url)", "error": "\(error)"]
            )
            return nil
        }
    }
}

/// The article ids of a claimed asset, with the ``DaemonCore/articleLinkGeneration`` seen before they were read.
private struct ArticleIDsAtClaim: Sendable {
    var ids: [Int64]
    var generation: Int
}
