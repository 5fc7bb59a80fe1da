import GRDB
import Synchronization

/// The SQLite index of articles, assets and objects (DESIGN.md §7), over GRDB.
///
/// On disk it is a `DatabasePool` in WAL mode: one writer (the daemon) and concurrent readers. `busy_timeout` is
/// 5 s and foreign keys are enforced. `synchronous` follows ``Durability``: `full` fsyncs the WAL at every commit, so
/// a transaction this API reports as committed survives power loss; `relaxed` uses `NORMAL` (survives a process
/// crash, may roll back the last commits after power loss). Either way the object store fsyncs an object before
/// the index transaction that names it, so a row never names bytes that are not durable (in `full`).
///
/// Every method is safe to call from any task; writes are serialized by GRDB's writer queue and reads run on
/// its reader pool, off the cooperative thread pool. Times are stored at millisecond precision.
///
/// Call ``close()`` before the process ends: it folds the WAL back into the database file.
package final class IndexDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The host served last by ``claimDueAssets(limit:perHostLimit:now:)``; the next claim starts after it.
    let hostCursor = Mutex<String?>(nil)
    /// The database file, or nil for an in-memory index.
    package let path: String?
    /// Whether commits are fsynced (`synchronous = FULL`, durability `full`).
    let isDurable: Bool

    private init(writer: any DatabaseWriter, path: String?, isDurable: Bool) {
        self.writer = writer
        self.path = path
        self.isDurable = isDurable
    }

    /// Opens (creating if needed) the index file at `path` and applies pending migrations.
    ///
    /// - Parameters:
    ///   - path: the database file, e.g. `<state-dir>/index.sqlite`; its directory must exist.
    ///   - durability: `full` sets `synchronous = FULL`, `relaxed` sets `NORMAL`.
    /// - Returns: the open index.
    /// - Throws: `StoreError` with code `database` (cannot open, not a database, a migration failed), `noSpace`,
    ///   `ioError` or `permissionDenied`.
    package static func open(path: String, durability: Durability) async throws(StoreError) -> IndexDatabase {
        var configuration = makeConfiguration()
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            // 32 MiB of page cache per connection (SQLite's default is 2 MiB): the url and state indexes of a
            // million assets take random inserts, and with the default cache most of them miss.
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw IndexDatabase.storeError(error, "cannot open the index at \(path)")
        }
        let index = IndexDatabase(writer: pool, path: path, isDurable: durability == .full)
        // GRDB sets NORMAL when it turns WAL on, after `prepareDatabase`; only the writer connection commits.
        try await index.writeWithoutTransaction("set synchronous = \(synchronous)") { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        try await index.migrate()
        return index
    }

    /// Opens an empty index in memory (for tests), with the same schema and constraints as on disk.
    /// - Returns: the open index.
    /// - Throws: `StoreError` with code `database` when the schema cannot be created.
    package static func inMemory() async throws(StoreError) -> IndexDatabase {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: makeConfiguration())
        } catch {
            throw IndexDatabase.storeError(error, "cannot open an in-memory index")
        }
        let index = IndexDatabase(writer: queue, path: nil, isDurable: false)
        try await index.migrate()
        return index
    }

    /// Checkpoints the WAL into the database file (TRUNCATE) and closes every connection.
    ///
    /// Call it once, after the last use; later calls on this index throw `database`.
    /// - Throws: `StoreError` with code `database` if the checkpoint or the close fails (a reader still open).
    package func close() async throws(StoreError) {
        if path != nil {
            try await writeWithoutTransaction("checkpoint the index") { db in
                _ = try db.checkpoint(.truncate)
            }
        }
        do {
            try writer.close()
        } catch {
            throw IndexDatabase.storeError(error, "cannot close the index")
        }
    }

    /// The identifiers of the migrations applied to this database, in order.
    /// - Returns: e.g. `["v1-initial-schema"]`.
    /// - Throws: `StoreError` with code `database`.
    package func appliedMigrations() async throws(StoreError) -> [String] {
        try await read("read the applied migrations") { db in
            try IndexMigrations.migrator.appliedMigrations(db)
        }
    }

    // MARK: - Internals shared by the extensions

    private static func makeConfiguration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "assetd.index"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 4
        return configuration
    }

    private func migrate() async throws(StoreError) {
        let migrator = IndexMigrations.migrator
        let writer = self.writer
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                migrator.asyncMigrate(writer) { result in
                    switch result {
                    case .success: continuation.resume()
                    case .failure(let error): continuation.resume(throwing: error)
                    }
                }
            }
        } catch {
            throw IndexDatabase.storeError(error, "cannot migrate the index at \(path ?? ":memory:")")
        }
    }

    /// Runs `body` in a write transaction, mapping every error to `StoreError`.
    func write<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw IndexDatabase.storeError(error, "cannot \(what)")
        }
    }

    /// Runs `body` in a write transaction that is not fsynced even under durability `full`: for changes that
    /// start-up recovery undoes anyway (claiming assets for transfer). WAL frames stay in order, so the next durable
    /// commit makes this one durable too; a power loss can only lose it together with everything after it.
    func writeRecoverable<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        guard isDurable else { return try await write(what, body) }
        return try await writeWithoutTransaction(what) { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            let value: Result<T, any Error>
            do {
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(.database, "cannot \(what): no result") }
                value = .success(result)
            } catch {
                value = .failure(error)
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
            return try value.get()
        }
    }

    /// Runs `body` in a write transaction that runs to its end even when the calling task is cancelled.
    func writeUncancellable<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        let writer = self.writer
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            writer.asyncWrite(body) { _, result in continuation.resume(returning: result) }
        }
        do {
            return try result.get()
        } catch {
            throw IndexDatabase.storeError(error, "cannot \(what)")
        }
    }

    /// Runs `body` outside any transaction (pragmas, checkpoints), mapping every error to `StoreError`.
    func writeWithoutTransaction<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.writeWithoutTransaction(body)
        } catch {
            throw IndexDatabase.storeError(error, "cannot \(what)")
        }
    }

    /// Runs `body` in a read-only transaction, mapping every error to `StoreError`.
    func read<T: Sendable>(
        _ what: String,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw IndexDatabase.storeError(error, "cannot \(what)")
        }
    }

    /// Runs `body` for each item in a savepoint of its own, inside the caller's transaction (a group commit): a
    /// `StoreError` from one item rolls back that item's changes alone and becomes its result; any other error
    /// (SQLite's) ends the whole transaction.
    static func eachInSavepoint<Item, Output>(
        _ db: Database,
        _ items: [Item],
        _ body: (Item) throws -> Output
    ) throws -> [Result<Output, StoreError>] {
        try items.map { item in
            var result: Result<Output, StoreError> = .failure(StoreError(.database, "not recorded"))
            do {
                try db.inSavepoint {
                    result = .success(try body(item))
                    return .commit
                }
            } catch let error as StoreError {
                result = .failure(error)
            }
            return result
        }
    }

    /// Keeps a `StoreError` as it is; maps SQLite's disk-full and I/O errors to their codes, the rest to `database`.
    static func storeError(_ error: any Error, _ context: String) -> StoreError {
        if let error = error as? StoreError {
            return error
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return StoreError(.noSpace, "\(context): disk full", underlying: error)
            case .SQLITE_IOERR: return StoreError(.ioError, "\(context): I/O error", underlying: error)
            case .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
                return StoreError(
                    .permissionDenied,
                    "\(context): \(error.message ?? "permission denied")",
                    underlying: error
                )
            default:
                return StoreError(.database, "\(context): \(error.message ?? error.description)", underlying: error)
            }
        }
        return StoreError(.database, "\(context): \(error)", underlying: error)
    }
}
