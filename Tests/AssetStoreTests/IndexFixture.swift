import AssetStore
import Foundation

/// Shared values for the index tests: a fixed clock, made-up digests and articles.
enum IndexFixture {
    /// A fixed "now" (2023-11-14T22:13:20Z), a whole number of milliseconds.
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    /// `epoch` plus some seconds.
    static func at(_ seconds: Double) -> Date {
        epoch.addingTimeInterval(seconds)
    }

    /// A valid digest made from a number (not a real hash; the index does not hash).
    static func digest(_ number: Int) -> ContentDigest {
        let hex = String(number, radix: 16)
        let padded = String(repeating: "0", count: 64 - hex.count) + hex
        guard let digest = ContentDigest(hex: padded) else {
            preconditionFailure("\(padded) is not a digest")
        }
        return digest
    }

    /// An article whose images select the given URLs (one image per inner list), with its bytes as object `number`.
    static func article(_ number: Int, _ images: [[String]], source: String? = nil) -> NewArticle {
        NewArticle(
            source: source ?? "article-\(number).html",
            baseURL: "https://news.example/",
            digest: digest(1_000_000 + number),
            byteCount: 1000 + Int64(number),
            contentType: "text/html",
            optionsJSON: #"{"policy":"fit","width":768}"#,
            images: images.enumerated().map { index, urls in
                ImageRecord(
                    ordinal: index,
                    line: 10 * (index + 1),
                    sourcesJSON: #"[{"element":"img","attribute":"srcset"}]"#,
                    selectedJSON: "[]",
                    selectedURLs: urls
                )
            }
        )
    }

    /// An object for `markFetched`.
    static func fetched(_ number: Int, byteCount: Int64 = 32_768, type: String = "image/jpeg") -> FetchedObject {
        FetchedObject(digest: digest(number), byteCount: byteCount, contentType: type, etag: "\"e\(number)\"")
    }

    /// A retry schedule: 3 retries, 1 s doubling, capped at 10 s.
    static let schedule = RetrySchedule(retries: 3, baseDelay: .seconds(1), maxDelay: .seconds(10))

    /// A retryable failure.
    static let timeout = AssetFailure(code: "timeout", message: "timed out", isRetryable: true)

    /// A permanent failure.
    static let notFound = AssetFailure(code: "http404", message: "404 Not Found", isRetryable: false)

    /// Enqueues URLs, claims every one, and returns them by URL.
    static func claimAll(_ index: IndexDatabase, urls: [String], now: Date = epoch) async throws -> [String:
        AssetRecord]
    {
        _ = try await index.enqueueArticle(article(urls.count, [urls]), now: now)
        let claimed = try await index.claimDueAssets(limit: urls.count, perHostLimit: urls.count, now: now)
        return Dictionary(uniqueKeysWithValues: claimed.map { ($0.url, $0) })
    }
}
