import GRDB

extension IndexDatabase {
    /// The settings of the writer connection (journal mode, synchronous, foreign keys, busy timeout).
    /// - Returns: the settings.
    /// - Throws: `StoreError` with code `database`.
    package func settings() async throws(StoreError) -> IndexSettings {
        try await write("read the index settings") { db in
            IndexSettings(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                busyTimeoutMilliseconds: try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? 0
            )
        }
    }

    /// Checks the database file, its foreign keys and the trigger-kept counters; empty means healthy.
    ///
    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, and compares the counters with a recount.
    /// It reads every page: minutes on a large index, for `verify` and the crash tests.
    /// - Returns: one line per problem found.
    /// - Throws: `StoreError` with code `database`.
    package func integrityProblems() async throws(StoreError) -> [String] {
        try await read("check the index") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? -1)")
            }
            let recount = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.state, c.count, (SELECT count(*) FROM assets a WHERE a.state = c.state)
                    FROM asset_state_counts c
                    """
            )
            for row in recount where (row[1] as Int) != (row[2] as Int) {
                problems.append("counter for \(row[0] as String) says \(row[1] as Int), rows say \(row[2] as Int)")
            }
            if let totals = try Row.fetchOne(
                db,
                sql: """
                    SELECT t.count, t.bytes, (SELECT count(*) FROM objects), (SELECT coalesce(sum(size), 0) FROM objects)
                    FROM object_totals t
                    """
            ), (totals[0] as Int64) != (totals[2] as Int64) || (totals[1] as Int64) != (totals[3] as Int64) {
                problems.append(
                    "object totals say \(totals[0] as Int64) / \(totals[1] as Int64) B, "
                        + "rows say \(totals[2] as Int64) / \(totals[3] as Int64) B"
                )
            }
            return problems
        }
    }

    /// The query plan of each frequent statement (`EXPLAIN QUERY PLAN`), to check that an index answers it.
    /// - Returns: statement name → the plan's detail lines joined by ` | `.
    /// - Throws: `StoreError` with code `database`.
    package func queryPlans() async throws(StoreError) -> [String: String] {
        try await read("explain the index queries") { db in
            var plans: [String: String] = [:]
            for (name, sql) in IndexSQL.planned {
                let statement = try db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql)
                let arguments = StatementArguments(Array(repeating: 0 as Int64, count: sql.count(where: { $0 == "?" })))
                let details = try Row.fetchAll(statement, arguments: arguments).map { $0["detail"] as String? ?? "" }
                plans[name] = details.joined(separator: " | ")
            }
            return plans
        }
    }
}
