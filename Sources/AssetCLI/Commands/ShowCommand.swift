package import ArgumentParser
import AssetAPI

/// `assetctl show`: one asset (by URL or digest) or one article (by id) in full.
package struct ShowCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one asset (by URL or digest, or a digest prefix) or one article (by id) in full.",
        discussion: """
            Digits are an article id; six or more hex digits a digest (or the prefix `ls` prints); anything else \
            an asset URL. --json prints the API's article document, or an asset list document for a URL or digest. \
            Exits 1 when nothing matches.
            """
    )

    @OptionGroup package var connection: ConnectionOptions

    @Flag(help: "Print the API's JSON document.")
    package var json = false

    @Argument(help: "An asset URL, a digest (or prefix), or an article id.")
    package var target: String

    package init() {}

    package func run() async throws {
        let client = try connection.makeClient()
        switch ShowTarget(target) {
        case .article(let id):
            let reply = try await client.get(APIRoute.article(id: id), as: ArticleDocument.self)
            output(json ? text(reply.body) : AssetRendering.detail(reply.document))
        case .url(let url):
            let reply = try await AssetLookup.byURL(url, client: client)
            output(json ? text(reply.body) : reply.document.assets.map(AssetRendering.detail).joined(separator: "\n"))
        case .digest(let prefix):
            let matches = try await AssetLookup.byDigest(prefix: prefix, client: client)
            if json {
                let body = try APIJSON.encode(AssetListDocument(assets: matches))
                output(text(Array(body)))
            } else {
                output(matches.map(AssetRendering.detail).joined(separator: "\n"))
            }
        }
    }

    private func text(_ body: [UInt8]) -> String {
        String(decoding: body, as: UTF8.self)
    }

    private func output(_ text: String) {
        CLIOutput.standardOutput(text.withTrailingNewline)
    }
}
