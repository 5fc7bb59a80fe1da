import AssetAPI
import AssetFetch
package import AssetParser
package import AssetStore
import FoundationEssentials
import Logging

extension DaemonCore {
    /// Media types accepted for an article the daemon fetches by URL.
    package static let articleTypes = ["text/html", "text/plain", "application/xhtml+xml"]

    /// Starts receiving an article's bytes into an ingest file (the route streams the request body into it).
    /// - Returns: A fresh writer.
    /// - Throws: `StoreError` (`noSpace`, `permissionDenied`, `fileSystem`).
    package func makeArticleWriter() throws(StoreError) -> IngestWriter {
        try store.makeWriter()
    }

    /// Keeps an article's bytes as an object, parses them from the stored object, selects a variant of each image
    /// and enqueues the article, its images and its assets in one index transaction. The same bytes submitted again
    /// with the same base, format and selection options reuse the analysis made the first time.
    ///
    /// The bytes are durable before anything else happens, so nothing received is lost even when a later step fails
    /// (the object is then an orphan that GC adopts). An asset already cached is not fetched again; one already
    /// queued or fetching is shared.
    /// - Parameters:
    ///   - writer: The writer holding every byte of the article.
    ///   - expectedLength: The announced length, if any.
    ///   - contentType: The article's media type (lower case, no parameters), if known; `text/plain` forces the
    ///     text scanner, an HTML type the HTML scanner, anything else lets the parser sniff.
    ///   - options: The submission's options.
    ///   - sourceURL: The URL the article came from, when fetched by the daemon.
    ///   - effectiveURL: The URL after redirects, used as the base for relative candidates.
    /// - Returns: The article id and its assets.
    /// - Throws: `StoreError` from the commit, the read-back or the index.
    package func enqueueArticle(
        from writer: IngestWriter,
        expectedLength: Int64?,
        contentType: String?,
        options: SubmissionOptions,
        sourceURL: String? = nil,
        effectiveURL: String? = nil
    ) async throws(StoreError) -> EnqueueResult {
        let committed = try await BlockingIO.run { () throws(StoreError) -> CommittedObject in
            try writer.commit(expectedLength: expectedLength)
        }
        let base = effectiveURL ?? sourceURL ?? options.baseURL
        let format = Self.articleFormat(contentType: contentType)
        let key = AnalysisCache.Key(digest: committed.digest, base: base, format: format, selection: options.selection)
        let analysis: ArticleAnalysis
        if let known = analyses.analysis(for: key) {
            analysis = known
        } else {
            let objects = store.objects
            let parsed: ArticleParseResult
            do throws(StoreError) {
                parsed = try await BlockingIO.run { () throws(StoreError) -> ArticleParseResult in
                    try Self.parseStoredArticle(committed.digest, objects: objects, baseURL: base, format: format)
                }
            } catch {
                committed.pin.release()
                throw error
            }
            analysis = ArticleAnalysis.make(parsed, options: options.selection)
            analyses.store(analysis, for: key)
        }
        let stored = StoredArticleOptions(
            name: options.name,
            url: sourceURL,
            contentType: contentType,
            selection: options.selection,
            diagnostics: analysis.diagnostics
        )
        let optionsJSON = (try? APIJSON.encode(stored)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let article = NewArticle(
            source: sourceURL ?? options.name ?? "-",
            baseURL: analysis.base ?? base,
            digest: committed.digest,
            byteCount: committed.byteCount,
            contentType: contentType,
            optionsJSON: optionsJSON,
            images: analysis.images
        )
        let result = try await store.enqueueArticle(article, committed: committed)
        articleAdded()
        logger.info(
            "enqueued an article",
            metadata: [
                "article.id": "\(result.articleID)", "article.source": "\(article.source)",
                "article.images": "\(analysis.images.count)", "article.assets": "\(result.assets.count)",
                "article.new": "\(result.newlyQueued)", "article.cached": "\(result.alreadyCached)",
            ]
        )
        let queued = result.assets.filter { $0.state == .queued }
        let articleIDs = await articleIDsForEvents(of: queued)
        for asset in queued {
            await publishTransition(asset, from: nil, knownArticleIDs: articleIDs?[asset.id])
        }
        if result.newlyQueued + result.requeued > 0 {
            wake.signal()
        }
        return result
    }

    /// Fetches an article through the fetch engine (HTML or text types only), then enqueues it like a posted one.
    /// - Parameters:
    ///   - url: An absolute http(s) URL.
    ///   - options: The submission's options.
    /// - Returns: The article id and its assets.
    /// - Throws: `FetchError` when the fetch fails (`wrongType` for another media type), `StoreError` otherwise.
    package func enqueueArticle(url: String, options: SubmissionOptions) async throws -> EnqueueResult {
        let writer = try store.makeWriter()
        let sink = IngestSink(
            writer: writer,
            accepts: { type in type.map { Self.articleTypes.contains($0) } ?? false },
            onBytes: { _ in }
        )
        let response: FetchResponse
        do {
            response = try await engine.fetch(FetchRequest(url: url), into: sink)
        } catch {
            writer.abort()
            throw IngestSink.normalized(error)
        }
        return try await enqueueArticle(
            from: writer,
            expectedLength: response.head.contentLength,
            contentType: response.head.contentType,
            options: options,
            sourceURL: url,
            effectiveURL: response.effectiveURL
        )
    }

    /// The scanner format for a media type.
    /// - Parameter contentType: Lower case, without parameters, or nil.
    /// - Returns: `.html`, `.text` or `.automatic`.
    package static func articleFormat(contentType: String?) -> ArticleFormat {
        switch contentType {
        case "text/html", "application/xhtml+xml": .html
        case "text/plain": .text
        default: .automatic
        }
    }

    /// Streams a stored article through the scanner (blocking reads; verifies the digest at the end).
    private static func parseStoredArticle(
        _ digest: ContentDigest,
        objects: ObjectStore,
        baseURL: String?,
        format: ArticleFormat
    ) throws(StoreError) -> ArticleParseResult {
        let reader = try objects.openVerifying(digest)
        defer { reader.close() }
        var scanner = ArticleScanner(baseURL: baseURL, format: format)
        var images: [ImageSet] = []
        var diagnostics: [ParseDiagnostic] = []
        while true {
            let chunk = try reader.readChunk(maximumCount: 256 * 1024)
            let batch = chunk.isEmpty ? scanner.finish() : scanner.feed(chunk)
            images += batch.images
            diagnostics += batch.diagnostics
            if chunk.isEmpty { break }
        }
        return ArticleParseResult(
            base: scanner.base,
            encoding: scanner.encoding,
            images: images,
            diagnostics: diagnostics
        )
    }
}
