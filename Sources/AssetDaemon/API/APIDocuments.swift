package import AssetAPI
package import AssetStore
import FoundationEssentials

/// Renders index rows as the control API's documents. Pure.
package enum APIDocuments {
    /// An asset as the API shows it.
    /// - Parameters:
    ///   - record: The index row.
    ///   - articleIDs: The articles referencing it.
    ///   - objectPath: The cached file's path, when cached.
    /// - Returns: The document; `error` is the last failure (kept after a retry is scheduled), `http_status` the
    ///   status of an `http<N>` failure.
    package static func asset(
        _ record: AssetStore.AssetRecord,
        articleIDs: [Int64],
        objectPath: String?
    ) -> AssetAPI.AssetRecord {
        let error = record.lastErrorCode.map { code in
            AssetAPI.AssetFailure(code: code, message: record.lastErrorMessage ?? "")
        }
        let httpStatus = record.lastErrorCode.flatMap { code in
            code.hasPrefix("http") ? Int(code.dropFirst(4)) : nil
        }
        return AssetAPI.AssetRecord(
            id: record.id.rawValue,
            url: record.url,
            state: AssetAPI.AssetState(rawValue: record.state.rawValue) ?? .queued,
            articleIDs: articleIDs,
            width: nil,
            sha256: record.digest?.hex,
            byteCount: record.byteCount,
            contentType: record.contentType,
            httpStatus: httpStatus,
            attempts: record.attempts,
            nextAttemptAt: record.nextAttemptAt,
            error: record.state == .cached ? nil : error,
            path: record.state == .cached ? objectPath : nil,
            createdAt: record.createdAt,
            updatedAt: record.updatedAt,
            fetchedAt: record.fetchedAt
        )
    }

    /// The `w` descriptor of each selected URL of an article's images (for the assets' `width`).
    /// - Parameter images: The article's image rows.
    /// - Returns: URL → width; URLs selected without a `w` descriptor are absent.
    package static func selectedWidths(_ images: [ImageRecord]) -> [String: Int] {
        var widths: [String: Int] = [:]
        for image in images {
            let data = Data(image.selectedJSON.utf8)
            guard let selected = try? APIJSON.decode([ParseReport.Candidate].self, from: data) else { continue }
            for candidate in selected {
                if let width = candidate.w, widths[candidate.url] == nil { widths[candidate.url] = width }
            }
        }
        return widths
    }

    /// An article with its assets as the API shows it.
    /// - Parameters:
    ///   - detail: The index's article, images and assets.
    ///   - byteCount: The size of the article's bytes.
    ///   - assets: Its assets already rendered (with their article ids and paths).
    /// - Returns: The document.
    package static func article(
        _ detail: ArticleDetail,
        byteCount: Int64,
        assets: [AssetAPI.AssetRecord]
    ) -> ArticleDocument {
        let options = try? APIJSON.decode(StoredArticleOptions.self, from: Data(detail.article.optionsJSON.utf8))
        return ArticleDocument(
            id: detail.article.id.rawValue,
            name: options?.name,
            url: options?.url,
            baseURL: detail.article.baseURL,
            sha256: detail.article.digest.hex,
            byteCount: byteCount,
            contentType: options?.contentType,
            imageCount: detail.images.count,
            diagnostics: options?.diagnostics ?? [],
            assets: assets,
            submittedAt: detail.article.createdAt
        )
    }
}
