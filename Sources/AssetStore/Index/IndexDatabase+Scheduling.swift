package import FoundationEssentials
import GRDB
import Synchronization

extension IndexDatabase {
    /// Takes up to `limit` due assets, taking turns between hosts, and marks them `fetching` in the same transaction.
    ///
    /// Due means `queued` with `nextAttemptAt ≤ now`. Hosts are visited in order of their host key starting after
    /// the host served last by the previous claim, so a host with a long queue cannot starve the others; within a
    /// host the earliest due come first. Each round gives every host with due work one asset until `limit` is
    /// reached, so `limit` assets spread over up to `limit` hosts.
    /// A host never gets more than `perHostLimit` assets in `fetching`, counting those claimed earlier, except those
    /// the caller names in `settling`.
    /// - Parameters:
    ///   - limit: the most assets to return (the free transfer slots); 0 or less returns none, and more than
    ///     10,000 counts as 10,000 (one statement binds every id).
    ///   - perHostLimit: the most assets of one host that may be `fetching` at once.
    ///   - settling: per host key, how many of its `fetching` assets no longer hold a connection to it (their
    ///     bodies have arrived and are being committed); they do not count against `perHostLimit`.
    ///   - now: the current time; also recorded as the update time.
    /// - Returns: the claimed assets, now in state `fetching`, in round-robin order.
    /// - Throws: `StoreError` with code `database`.
    package func claimDueAssets(
        limit: Int,
        perHostLimit: Int,
        settling: [String: Int] = [:],
        now: Date
    ) async throws(StoreError) -> [AssetRecord] {
        guard limit > 0, perHostLimit > 0 else { return [] }
        return try await writeRecoverable("claim due assets") { db in
            try self.claim(
                db,
                limit: min(limit, 10_000),
                perHostLimit: perHostLimit,
                settling: settling,
                now: IndexTime.milliseconds(now)
            )
        }
    }

    /// When the earliest queued asset is due, so the scheduler knows when to wake up.
    /// - Returns: the earliest `nextAttemptAt` of a queued asset (possibly in the past), or nil when none is queued.
    /// - Throws: `StoreError` with code `database`.
    package func nextDueTime() async throws(StoreError) -> Date? {
        try await read("find the next due time") { db in
            IndexTime.date(try Int64.fetchOne(db.cachedStatement(sql: IndexSQL.nextDueTime)))
        }
    }

    private func claim(
        _ db: Database,
        limit: Int,
        perHostLimit: Int,
        settling: [String: Int],
        now: Int64
    ) throws -> [AssetRecord] {
        // Nothing due at all (empty queue, or every host backing off): skip the walk over the hosts.
        guard let earliest = try Int64.fetchOne(db.cachedStatement(sql: IndexSQL.nextDueTime)), earliest <= now else {
            return []
        }
        let nextHost = try db.cachedStatement(sql: IndexSQL.nextQueuedHost)
        let dueOfHost = try db.cachedStatement(sql: IndexSQL.dueOfHost)
        var busyByHost: [String: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: IndexSQL.fetchingByHost)) {
            let host: String = row[0]
            busyByHost[host] = max(0, row[1] - settling[host, default: 0])
        }
        let cursor = hostCursor.withLock { $0 }
        // Hosts after the cursor, then from the start up to and including the cursor.
        // Visit hosts until `limit` of them have due work (then the first round alone fills the claim).
        var perHost: [(host: String, ids: [Int64])] = []
        var position = cursor ?? ""
        var hasWrapped = cursor == nil
        while perHost.count < limit {
            // `host > ''` misses hosts with an empty key (URLs without an authority); they are never fetched.
            guard let host = try String.fetchOne(nextHost, arguments: [position]) else {
                if hasWrapped { break }
                hasWrapped = true
                position = ""
                continue
            }
            if hasWrapped, let cursor, host > cursor { break }
            position = host
            let room = min(perHostLimit - busyByHost[host, default: 0], limit)
            guard room > 0 else { continue }
            let ids = try Int64.fetchAll(dueOfHost, arguments: [host, now, room])
            if !ids.isEmpty {
                perHost.append((host, ids))
            }
        }
        var chosen: [Int64] = []
        var lastHost: String?
        var round = 0
        while chosen.count < limit {
            var tookAny = false
            for entry in perHost where round < entry.ids.count && chosen.count < limit {
                chosen.append(entry.ids[round])
                lastHost = entry.host
                tookAny = true
            }
            if !tookAny { break }
            round += 1
        }
        if let lastHost {
            hostCursor.withLock { $0 = lastHost }
        }
        guard !chosen.isEmpty else { return [] }
        _ = try AssetState.transition(from: .queued, event: .claim)
        let placeholders = Array(repeating: "?", count: chosen.count).joined(separator: ", ")
        let mark = try db.makeStatement(
            sql: """
                UPDATE assets SET state = 'fetching', next_attempt_at = NULL, updated_at = ?
                WHERE id IN (\(placeholders)) AND state = 'queued'
                RETURNING \(IndexRows.assetColumns)
                """
        )
        let updated = try Row.fetchAll(mark, arguments: StatementArguments([now] + chosen)).map(IndexRows.asset)
        // RETURNING gives no order: put the assets back in round-robin order.
        let byID = Dictionary(uniqueKeysWithValues: updated.map { ($0.id.rawValue, $0) })
        return chosen.compactMap { byID[$0] }
    }

    /// Records a successful transfer: the asset becomes `cached` with the object's digest, size and type, and the
    /// object's row is created (or its last access refreshed) in the same transaction.
    ///
    /// Call it only after the object store has committed the object (fsync, rename, directory fsync).
    /// - Parameters:
    ///   - id: the asset, which must be `fetching`.
    ///   - object: the committed object and the response's validators.
    ///   - now: the time to record.
    /// - Returns: the asset as it now stands.
    /// - Throws: `StoreError` with code `notFound`, `illegalTransition` (the asset is not `fetching`),
    ///   `lengthMismatch` (the digest is recorded with another size) or `database`.
    package func markFetched(_ id: AssetID, object: FetchedObject, now: Date) async throws(StoreError) -> AssetRecord {
        try await write("record the fetched asset \(id)") { db in
            try IndexDatabase.recordFetched(db, id: id, object: object, now: IndexTime.milliseconds(now))
        }
    }

    /// Records several successful transfers in one transaction (one durable commit for all), each as
    /// ``markFetched(_:object:now:)`` does. An asset that cannot be recorded (`notFound`, `illegalTransition`,
    /// `lengthMismatch`) fails alone: its changes are rolled back to a savepoint and the others are kept.
    ///
    /// The transaction is not abandoned when the calling task is cancelled, since it carries other callers' work.
    /// - Parameter batch: The assets and their objects, each with the time to record.
    /// - Returns: One result per item, in order.
    /// - Throws: `StoreError` (`database`, `noSpace`, `ioError`) when the transaction itself fails.
    package func markFetched(_ batch: [FetchedAsset]) async throws(StoreError) -> [Result<AssetRecord, StoreError>] {
        try await writeUncancellable("record \(batch.count) fetched assets") { db in
            try IndexDatabase.eachInSavepoint(db, batch) { fetched in
                try IndexDatabase.recordFetched(
                    db,
                    id: fetched.id,
                    object: fetched.object,
                    now: IndexTime.milliseconds(fetched.time)
                )
            }
        }
    }

    private static func recordFetched(_ db: Database, id: AssetID, object: FetchedObject, now time: Int64) throws
        -> AssetRecord
    {
        let asset = try IndexRows.requireAsset(db, id: id)
        _ = try AssetState.transition(from: asset.state, event: .complete)
        try IndexDatabase.upsertObject(
            db,
            digest: object.digest,
            byteCount: object.byteCount,
            contentType: object.contentType,
            now: time
        )
        try db.cachedStatement(
            sql: """
                UPDATE assets SET state = 'cached', digest = ?, size = ?, content_type = ?, etag = ?,
                    last_modified = ?, next_attempt_at = NULL, updated_at = ?, fetched_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            object.digest.hex, object.byteCount, object.contentType, object.etag, object.lastModified, time, time,
            id.rawValue,
        ])
        return try IndexRows.requireAsset(db, id: id)
    }

    /// Records a failed transfer and what follows: back to `queued` after the schedule's delay, or `failed`.
    ///
    /// The attempt count is read and incremented inside the transaction, and the schedule, error code and
    /// message are persisted, so a restart keeps them.
    /// - Parameters:
    ///   - id: the asset, which must be `fetching`.
    ///   - failure: the error and whether it is retryable.
    ///   - schedule: the retry policy.
    ///   - jitter: a random number in 0...1 for the schedule's jitter (see ``RetrySchedule``); the daemon passes a
    ///     fresh one per failure. The default, 1, gives the full exponential delay.
    ///   - now: the time of the failure; the next attempt is due at `now` plus the delay.
    /// - Returns: the asset as it now stands (`queued` with a later `nextAttemptAt`, or `failed`).
    /// - Throws: `StoreError` with code `notFound`, `illegalTransition` (the asset is not `fetching`) or `database`.
    package func markFailed(
        _ id: AssetID,
        failure: AssetFailure,
        schedule: RetrySchedule,
        jitter: Double = 1,
        now: Date
    ) async throws(StoreError) -> AssetRecord {
        try await write("record the failed asset \(id)") { db in
            let asset = try IndexRows.requireAsset(db, id: id)
            let attempts = asset.attempts + 1
            let time = IndexTime.milliseconds(now)
            let nextAttemptAt: Int64?
            let state: AssetState
            switch schedule.decision(afterFailedAttempts: attempts, failure: failure, jitter: jitter) {
            case .retry(let delay):
                state = try AssetState.transition(from: asset.state, event: .reschedule)
                nextAttemptAt = time + IndexTime.milliseconds(delay)
            case .giveUp:
                state = try AssetState.transition(from: asset.state, event: .fail)
                nextAttemptAt = nil
            }
            try db.cachedStatement(
                sql: """
                    UPDATE assets SET state = ?, attempts = ?, next_attempt_at = ?, last_error_code = ?,
                        last_error_message = ?, updated_at = ?
                    WHERE id = ?
                    """
            ).execute(arguments: [
                state.rawValue, attempts, nextAttemptAt, failure.code, failure.message, time, id.rawValue,
            ])
            return try IndexRows.requireAsset(db, id: id)
        }
    }

    /// Puts one `fetching` asset back in the queue, due `now`, without counting an attempt (a cancelled transfer).
    /// - Parameters:
    ///   - id: the asset, which must be `fetching`.
    ///   - now: the time to record.
    /// - Returns: the asset, now `queued`.
    /// - Throws: `StoreError` with code `notFound`, `illegalTransition` or `database`.
    package func markInterrupted(_ id: AssetID, now: Date) async throws(StoreError) -> AssetRecord {
        try await write("requeue the interrupted asset \(id)") { db in
            let asset = try IndexRows.requireAsset(db, id: id)
            _ = try AssetState.transition(from: asset.state, event: .interrupt)
            let time = IndexTime.milliseconds(now)
            try db.execute(
                sql: "UPDATE assets SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?",
                arguments: [time, time, id.rawValue]
            )
            return try IndexRows.requireAsset(db, id: id)
        }
    }

    /// Puts every `fetching` asset back in the queue, due `now`, without counting an attempt (start-up, shutdown).
    /// - Parameter now: the time to record.
    /// - Returns: how many assets went back to `queued`.
    /// - Throws: `StoreError` with code `database`.
    package func interruptAllFetching(now: Date) async throws(StoreError) -> Int {
        try await write("requeue the assets in flight") { db in
            try IndexDatabase.interruptAllFetching(db, now: IndexTime.milliseconds(now))
        }
    }

    static func interruptAllFetching(_ db: Database, now: Int64) throws -> Int {
        _ = try AssetState.transition(from: .fetching, event: .interrupt)
        try db.execute(
            sql: "UPDATE assets SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE state = 'fetching'",
            arguments: [now, now]
        )
        return db.changesCount
    }

    /// Queues one `failed` or `evicted` asset again, due `now`, with its attempts reset.
    /// - Parameters:
    ///   - id: the asset.
    ///   - now: the time to record.
    /// - Returns: the asset, now `queued`.
    /// - Throws: `StoreError` with code `notFound`, `illegalTransition` (not failed or evicted) or `database`.
    package func requeue(_ id: AssetID, now: Date) async throws(StoreError) -> AssetRecord {
        try await write("requeue the asset \(id)") { db in
            let asset = try IndexRows.requireAsset(db, id: id)
            _ = try AssetState.transition(from: asset.state, event: .requeue)
            let time = IndexTime.milliseconds(now)
            try db.execute(
                sql:
                    "UPDATE assets SET state = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ?",
                arguments: [time, time, id.rawValue]
            )
            return try IndexRows.requireAsset(db, id: id)
        }
    }

    /// Queues every asset in `state` again (`assetctl retry --failed`), due `now`, with attempts reset.
    /// - Parameters:
    ///   - state: `failed` or `evicted`.
    ///   - now: the time to record.
    /// - Returns: how many assets went back to `queued`.
    /// - Throws: `StoreError` with code `illegalTransition` for another state, or `database`.
    package func requeueAll(in state: AssetState, now: Date) async throws(StoreError) -> Int {
        _ = try AssetState.transition(from: state, event: .requeue)
        return try await write("requeue the \(state.rawValue) assets") { db in
            let time = IndexTime.milliseconds(now)
            try db.execute(
                sql:
                    "UPDATE assets SET state = 'queued', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE state = ?",
                arguments: [time, time, state.rawValue]
            )
            return db.changesCount
        }
    }
}
