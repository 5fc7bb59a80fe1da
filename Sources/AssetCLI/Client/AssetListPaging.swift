import AssetAPI
import FoundationEssentials

/// `GET /v1/assets` answers in pages: a page that is not the last names the cursor of the next in a header, and the
/// next request passes it as `after`. This reads every page.
enum AssetListPaging {
    /// The header naming the next page's cursor (the daemon's `ControlRoutes.nextCursorHeader`).
    static let nextCursorHeader = "X-Assetd-Next-After"
    /// The query parameter carrying the cursor.
    static let afterParameter = "after"

    /// Every asset matching `query`, and the body to print for `--json`: the daemon's own bytes when one page held
    /// everything, else one document of all pages encoded with the API's coder.
    static func all(
        _ query: AssetListQuery,
        client: ControlClient
    ) async throws(CLIFailure) -> ControlClient.Reply<AssetListDocument> {
        var assets: [AssetRecord] = []
        var cursor: String?
        var pages = 0
        var firstBody: [UInt8] = []
        repeat {
            var items = query.queryItems
            if let cursor { items.append(APIQueryItem(afterParameter, cursor)) }
            let reply = try await client.get(APIRoute.withQuery(APIRoute.assets, items), as: AssetListDocument.self)
            assets += reply.document.assets
            if pages == 0 { firstBody = reply.body }
            pages += 1
            let next = reply.header(nextCursorHeader)
            guard next != cursor else { break }
            cursor = next
        } while cursor != nil
        let document = AssetListDocument(assets: assets)
        guard pages > 1 else {
            return ControlClient.Reply(document: document, body: firstBody)
        }
        do {
            return ControlClient.Reply(document: document, body: Array(try APIJSON.encode(document)))
        } catch {
            throw CLIFailure(message: "cannot encode the asset list: \(error)", exitCode: CLIExitStatus.failed)
        }
    }
}
