import GRDB

/// The index schema as a list of named migrations. A migration that has been merged is never edited: add a new one.
///
/// Times are INTEGER milliseconds since 1970 (UTC). Digests are 64 lowercase hex digits.
enum IndexMigrations {
    /// Every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial-schema", migrate: createInitialSchema)
        return migrator
    }

    /// The identifiers of every migration, in order.
    static var identifiers: [String] { migrator.migrations }

    private static func createInitialSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE objects (
                    digest TEXT PRIMARY KEY NOT NULL CHECK (length(digest) = 64),
                    size INTEGER NOT NULL CHECK (size >= 0),
                    content_type TEXT,
                    created_at INTEGER NOT NULL,
                    last_access_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX objects_by_last_access ON objects(last_access_at);

                CREATE TABLE articles (
                    id INTEGER PRIMARY KEY,
                    source TEXT NOT NULL,
                    base_url TEXT,
                    digest TEXT NOT NULL REFERENCES objects(digest),
                    options TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX articles_by_digest ON articles(digest);

                CREATE TABLE images (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    line INTEGER NOT NULL,
                    sources TEXT NOT NULL,
                    selected TEXT NOT NULL,
                    selected_urls TEXT NOT NULL,
                    PRIMARY KEY (article_id, ordinal)
                ) WITHOUT ROWID;

                CREATE TABLE assets (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL UNIQUE,
                    host TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('queued', 'fetching', 'cached', 'failed', 'evicted')),
                    digest TEXT REFERENCES objects(digest),
                    size INTEGER,
                    content_type TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    next_attempt_at INTEGER,
                    last_error_code TEXT,
                    last_error_message TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    fetched_at INTEGER,
                    CHECK ((state = 'cached') = (digest IS NOT NULL)),
                    CHECK ((state = 'queued') = (next_attempt_at IS NOT NULL))
                );
                CREATE INDEX assets_by_state_host_due ON assets(state, host, next_attempt_at);
                CREATE INDEX assets_by_state_id ON assets(state, id);
                CREATE INDEX assets_by_digest ON assets(digest) WHERE digest IS NOT NULL;

                -- Primary-key columns first: SQLite 3.40's integrity_check misreports NOT NULL columns placed
                -- between them in a WITHOUT ROWID table.
                CREATE TABLE article_assets (
                    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
                    PRIMARY KEY (article_id, position),
                    UNIQUE (article_id, asset_id)
                ) WITHOUT ROWID;
                CREATE INDEX article_assets_by_asset ON article_assets(asset_id);

                CREATE TABLE asset_state_counts (
                    state TEXT PRIMARY KEY NOT NULL,
                    count INTEGER NOT NULL
                ) WITHOUT ROWID;
                INSERT INTO asset_state_counts(state, count)
                    VALUES ('queued', 0), ('fetching', 0), ('cached', 0), ('failed', 0), ('evicted', 0);
                CREATE TRIGGER assets_count_insert AFTER INSERT ON assets BEGIN
                    UPDATE asset_state_counts SET count = count + 1 WHERE state = NEW.state;
                END;
                CREATE TRIGGER assets_count_delete AFTER DELETE ON assets BEGIN
                    UPDATE asset_state_counts SET count = count - 1 WHERE state = OLD.state;
                END;
                CREATE TRIGGER assets_count_update AFTER UPDATE OF state ON assets
                WHEN OLD.state <> NEW.state BEGIN
                    UPDATE asset_state_counts SET count = count - 1 WHERE state = OLD.state;
                    UPDATE asset_state_counts SET count = count + 1 WHERE state = NEW.state;
                END;

                CREATE TABLE object_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    count INTEGER NOT NULL,
                    bytes INTEGER NOT NULL
                );
                INSERT INTO object_totals(id, count, bytes) VALUES (1, 0, 0);
                CREATE TRIGGER objects_total_insert AFTER INSERT ON objects BEGIN
                    UPDATE object_totals SET count = count + 1, bytes = bytes + NEW.size WHERE id = 1;
                END;
                CREATE TRIGGER objects_total_delete AFTER DELETE ON objects BEGIN
                    UPDATE object_totals SET count = count - 1, bytes = bytes - OLD.size WHERE id = 1;
                END;
                CREATE TRIGGER objects_total_update AFTER UPDATE OF size ON objects BEGIN
                    UPDATE object_totals SET bytes = bytes - OLD.size + NEW.size WHERE id = 1;
                END;
                """
        )
    }
}
