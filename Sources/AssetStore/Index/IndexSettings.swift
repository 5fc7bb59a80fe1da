/// The SQLite settings an open index runs with, as the connection reports them.
package struct IndexSettings: Sendable, Hashable {
    /// `PRAGMA journal_mode`: `wal` on disk, `memory` for an in-memory index.
    package var journalMode: String
    /// `PRAGMA synchronous`: 2 = FULL, 1 = NORMAL.
    package var synchronous: Int
    /// `PRAGMA foreign_keys`.
    package var foreignKeys: Bool
    /// `PRAGMA busy_timeout` in milliseconds.
    package var busyTimeoutMilliseconds: Int

    /// Creates a settings value.
    package init(journalMode: String, synchronous: Int, foreignKeys: Bool, busyTimeoutMilliseconds: Int) {
        self.journalMode = journalMode
        self.synchronous = synchronous
        self.foreignKeys = foreignKeys
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
    }
}
