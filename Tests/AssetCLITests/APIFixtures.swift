import AssetAPI
import Foundation

/// Realistic API documents for the rendering and canned-daemon tests, encoded with the API's own coders.
enum APIFixtures {
    static let created = Date(timeIntervalSince1970: 1_795_000_000)
    static let digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    static func cachedAsset(id: Int64 = 1, url: String = "https://img.test/a-1280.jpg", bytes: Int64 = 4) -> AssetRecord
    {
        AssetRecord(
            id: id,
            url: url,
            state: .cached,
            articleIDs: [7],
            width: 1280,
            sha256: digest,
            byteCount: bytes,
            contentType: "image/jpeg",
            httpStatus: 200,
            attempts: 1,
            path: "/var/cache/assetd/objects/sha256/9f/\(digest)",
            createdAt: created,
            updatedAt: created,
            fetchedAt: created
        )
    }

    static func failedAsset(id: Int64 = 2, url: String = "https://img.test/b-1280.jpg") -> AssetRecord {
        AssetRecord(
            id: id,
            url: url,
            state: .failed,
            articleIDs: [7],
            width: 1280,
            httpStatus: 404,
            attempts: 1,
            error: AssetFailure(code: "http_status", message: "HTTP 404 from \(url)"),
            createdAt: created,
            updatedAt: created
        )
    }

    static func queued(_ record: AssetRecord) -> AssetRecord {
        var copy = record
        copy.state = .queued
        copy.sha256 = nil
        copy.byteCount = nil
        copy.error = nil
        copy.path = nil
        return copy
    }

    static func article(id: Int64 = 7, assets: [AssetRecord]) -> ArticleDocument {
        ArticleDocument(
            id: id,
            name: "seed.txt",
            sha256: digest,
            byteCount: 2048,
            contentType: "text/plain",
            imageCount: assets.count,
            assets: assets,
            submittedAt: created
        )
    }

    static let status = StatusDocument(
        version: "0.1.0",
        assets: AssetStateCounts(queued: 120, fetching: 4, cached: 170, failed: 6, evicted: 0),
        articles: 3,
        objects: 170,
        bytes: 12_897_484,
        cacheLimitBytes: 10 * 1024 * 1024 * 1024,
        activeTransfers: 4,
        transferRate: 1_258_291.2,
        startedAt: created,
        uptimeSeconds: 3723
    )

    static func json(_ value: some Encodable) -> String {
        // Fixtures are fixed values: encoding cannot fail.
        String(decoding: (try? APIJSON.encode(value)) ?? Data(), as: UTF8.self)
    }
}
