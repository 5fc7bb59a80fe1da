import FoundationEssentials
import GRDB

/// Decoding of index rows into the package's record values, with the column lists the queries select.
enum IndexRows {
    static let assetColumns = """
        id, url, host, state, digest, size, content_type, etag, last_modified, attempts, next_attempt_at, \
        last_error_code, last_error_message, created_at, updated_at, fetched_at
        """
    static let objectColumns = "digest, size, content_type, created_at, last_access_at"
    static let articleColumns = "id, source, base_url, digest, options, created_at"

    static func asset(_ row: Row) throws -> AssetRecord {
        let stateText: String = row[3]
        guard let state = AssetState(rawValue: stateText) else {
            throw StoreError(.database, "asset \(row[0] as Int64) has an unknown state \"\(stateText)\"")
        }
        return AssetRecord(
            id: AssetID(rawValue: row[0]),
            url: row[1],
            host: row[2],
            state: state,
            digest: try optionalDigest(row[4]),
            byteCount: row[5],
            contentType: row[6],
            etag: row[7],
            lastModified: row[8],
            attempts: row[9],
            nextAttemptAt: IndexTime.date(row[10] as Int64?),
            lastErrorCode: row[11],
            lastErrorMessage: row[12],
            createdAt: IndexTime.date(row[13] as Int64),
            updatedAt: IndexTime.date(row[14] as Int64),
            fetchedAt: IndexTime.date(row[15] as Int64?)
        )
    }

    static func object(_ row: Row) throws -> ObjectRecord {
        ObjectRecord(
            digest: try digest(row[0]),
            byteCount: row[1],
            contentType: row[2],
            createdAt: IndexTime.date(row[3] as Int64),
            lastAccessAt: IndexTime.date(row[4] as Int64)
        )
    }

    static func article(_ row: Row) throws -> ArticleRecord {
        ArticleRecord(
            id: ArticleID(rawValue: row[0]),
            source: row[1],
            baseURL: row[2],
            digest: try digest(row[3]),
            optionsJSON: row[4],
            createdAt: IndexTime.date(row[5] as Int64)
        )
    }

    static func image(_ row: Row) throws -> ImageRecord {
        let urlsJSON: String = row[4]
        guard let urls = try? JSONDecoder().decode([String].self, from: Data(urlsJSON.utf8)) else {
            throw StoreError(.database, "image \(row[0] as Int) has malformed selected_urls")
        }
        return ImageRecord(ordinal: row[0], line: row[1], sourcesJSON: row[2], selectedJSON: row[3], selectedURLs: urls)
    }

    static func encodeURLs(_ urls: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(urls), as: UTF8.self)
    }

    static func digest(_ text: String) throws -> ContentDigest {
        guard let digest = ContentDigest(hex: text) else {
            throw StoreError(.database, "the index holds a malformed digest \"\(text.prefix(80))\"")
        }
        return digest
    }

    static func optionalDigest(_ text: String?) throws -> ContentDigest? {
        try text.map { try digest($0) }
    }

    static func fetchAsset(_ db: Database, id: AssetID) throws -> AssetRecord? {
        let statement = try db.cachedStatement(sql: IndexSQL.assetByID)
        return try Row.fetchOne(statement, arguments: [id.rawValue]).map(asset)
    }

    static func requireAsset(_ db: Database, id: AssetID) throws -> AssetRecord {
        guard let record = try fetchAsset(db, id: id) else {
            throw StoreError(.notFound, "no asset with id \(id)")
        }
        return record
    }

    static func fetchAssets(_ db: Database, sql: String, arguments: StatementArguments) throws -> [AssetRecord] {
        let statement = try db.cachedStatement(sql: sql)
        return try Row.fetchAll(statement, arguments: arguments).map(asset)
    }
}
