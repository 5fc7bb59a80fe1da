import AssetAPI
import AssetStore
import FoundationEssentials
import Hummingbird
import NIOCore

extension ControlRoutes {
    /// `POST /v1/articles`: the body is the article (streamed into the store), or `{"url": …}` with a JSON
    /// Content-Type to have the daemon fetch it. Answers 202 with the article id and its assets.
    static func submitArticle(_ request: Request, core: DaemonCore) async throws -> Response {
        guard !core.isStopping else {
            throw APIErrorDocument(code: .unavailable, message: "the daemon is shutting down")
        }
        let query = try ArticleSubmissionOptions.parse(APIQueryItem.decode(request.uri.query ?? ""))
        let options = try SubmissionOptions.resolve(query, configuration: core.configuration)
        let contentType = mediaType(request.headers[.contentType])
        let result: EnqueueResult
        if contentType == "application/json" {
            var request = request
            let body = try await request.collectBody(upTo: 64 * 1024)
            let submission = try APIJSON.decode(ArticleSubmissionRequest.self, from: Data(body.readableBytesView))
            result = try await core.enqueueArticle(url: submission.url, options: options)
        } else {
            result = try await receiveArticle(request, contentType: contentType, options: options, core: core)
        }
        let assets = try await core.submittedAssets(result)
        return try HTTPResponses.json(
            ArticleSubmissionResult(id: result.articleID.rawValue, assets: assets),
            status: .accepted
        )
    }

    private static func receiveArticle(
        _ request: Request,
        contentType: String?,
        options: SubmissionOptions,
        core: DaemonCore
    ) async throws -> EnqueueResult {
        let limit = core.configuration.maxObjectBytes
        let writer = try core.makeArticleWriter()
        do {
            for try await buffer in request.body {
                try buffer.withUnsafeReadableBytes { try writer.write($0) }
                guard writer.byteCount <= limit else {
                    throw APIErrorDocument(
                        code: .payloadTooLarge,
                        message: "the article is larger than max-object-bytes (\(limit) bytes)"
                    )
                }
            }
            guard writer.byteCount > 0 else {
                throw APIErrorDocument(code: .badRequest, message: "the request body (the article) is empty")
            }
        } catch {
            writer.abort()
            throw error
        }
        let declared = request.headers[.contentLength].flatMap { Int64($0) }
        let type = contentType == "application/octet-stream" ? nil : contentType
        return try await core.enqueueArticle(
            from: writer,
            expectedLength: declared,
            contentType: type,
            options: options
        )
    }

    /// The media type of a Content-Type value: lower case, parameters removed.
    static func mediaType(_ value: String?) -> String? {
        guard let value else { return nil }
        let essence = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let trimmed = essence.filter { !$0.isWhitespace }.lowercased()
        return trimmed.isEmpty ? nil : trimmed
    }
}
