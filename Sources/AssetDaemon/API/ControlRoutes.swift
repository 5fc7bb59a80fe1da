import AssetAPI
import AssetStore
import FoundationEssentials
import HTTPTypes
package import Hummingbird
import NIOCore

/// The control API's routes (DESIGN.md §6): decode the request, call the daemon core, encode the answer.
package enum ControlRoutes {
    /// Page size of `GET /v1/assets` when `limit` is not given, and its maximum.
    static let defaultPageSize = 1000
    static let maximumPageSize = 10_000
    /// The response header naming the cursor of the next page of `GET /v1/assets` (absent on the last page).
    package static let nextCursorHeader = "X-Assetd-Next-After"

    /// Builds the router.
    /// - Parameter core: The daemon's shared state.
    /// - Returns: A router ready for `Application(router:)`.
    package static func makeRouter(core: DaemonCore) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.middlewares.add(APIErrorMiddleware())
        router.post(
            RouterPath(APIRoute.articles),
            use: HTTPResponses.handle { request, _ in
                try await submitArticle(request, core: core)
            }
        )
        router.get(
            RouterPath(APIRoute.articlePattern),
            use: HTTPResponses.handle { _, context in
                guard let text = context.parameters.get("id"), let id = Int64(text) else {
                    throw APIErrorDocument(code: .badRequest, message: "an article id is an integer")
                }
                guard let document = try await core.articleDocument(id: id) else {
                    throw APIErrorDocument(code: .notFound, message: "no article has the id \(id)")
                }
                return try HTTPResponses.json(document)
            }
        )
        router.get(
            RouterPath(APIRoute.assets),
            use: HTTPResponses.handle { request, _ in
                try await listAssets(request, core: core)
            }
        )
        router.get(
            RouterPath(APIRoute.objectPattern),
            use: HTTPResponses.handle { _, context in
                try await object(context.parameters.get("sha256") ?? "", core: core)
            }
        )
        router.get(
            RouterPath(APIRoute.status),
            use: HTTPResponses.handle { _, _ in
                try HTTPResponses.json(try await core.status())
            }
        )
        router.get(
            RouterPath(APIRoute.events),
            use: HTTPResponses.handle { request, _ in
                try await ServerEventStream.response(request, core: core)
            }
        )
        router.post(
            RouterPath(APIRoute.retry),
            use: HTTPResponses.handle { request, _ in
                var request = request
                let body = try await request.collectBody(upTo: 64 * 1024)
                let retry =
                    body.readableBytes == 0
                    ? RetryRequest()
                    : try APIJSON.decode(RetryRequest.self, from: Data(body.readableBytesView))
                return try HTTPResponses.json(try await core.retry(retry))
            }
        )
        router.post(
            RouterPath(APIRoute.verify),
            use: HTTPResponses.handle { _, _ in
                try HTTPResponses.json(try await core.verify())
            }
        )
        router.post(
            RouterPath(APIRoute.garbageCollection),
            use: HTTPResponses.handle { _, _ in
                try HTTPResponses.json(try await core.collectGarbage())
            }
        )
        router.get(
            RouterPath(APIRoute.metrics),
            use: HTTPResponses.handle { _, _ in
                _ = try await core.status()  // refreshes the gauges
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: core.metrics.exposition()))
                )
            }
        )
        router.get(
            RouterPath(APIRoute.health),
            use: HTTPResponses.handle { _, _ in
                let stopping = core.isStopping
                return try HTTPResponses.json(
                    HealthDocument(status: stopping ? .stopping : .ok),
                    status: stopping ? .serviceUnavailable : .ok
                )
            }
        )
        return router
    }

    private static func listAssets(_ request: Request, core: DaemonCore) async throws -> Response {
        let items = APIQueryItem.decode(request.uri.query ?? "")
        let query = try AssetListQuery.parse(items)
        var after: Int64?
        var limit = defaultPageSize
        var digest: ContentDigest?
        for item in items {
            switch item.name {
            case "after":
                guard let value = Int64(item.value) else {
                    throw APIErrorDocument(
                        code: .invalidQuery,
                        message: "after must be an asset id, got '\(item.value)'"
                    )
                }
                after = value
            case "limit":
                guard let value = Int(item.value), value > 0 else {
                    throw APIErrorDocument(code: .invalidQuery, message: "limit must be a positive integer")
                }
                limit = min(value, maximumPageSize)
            case "sha256":
                digest = try ContentDigest.parse(item.value)
            default:
                continue
            }
        }
        let (document, next) = try await core.assetList(query, digest: digest, after: after, limit: limit)
        var response = try HTTPResponses.json(document)
        if let next, let name = HTTPField.Name(nextCursorHeader) {
            response.headers[name] = String(next)
        }
        return response
    }

    private static func object(_ hex: String, core: DaemonCore) async throws -> Response {
        let digest = try ContentDigest.parse(hex)
        guard let record = try await core.store.index.object(digest) else {
            throw APIErrorDocument(code: .notFound, message: "no object has the digest \(hex)")
        }
        let reader = try await core.store.openObject(digest)
        let body = ResponseBody(contentLength: Int(record.byteCount)) { writer in
            defer { reader.close() }
            while true {
                let chunk = try await BlockingIO.run { () throws(StoreError) -> [UInt8] in
                    try reader.readChunk(maximumCount: 256 * 1024)
                }
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: record.contentType ?? "application/octet-stream"],
            body: body
        )
    }
}
