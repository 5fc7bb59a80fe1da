package import ArgumentParser
package import AssetAPI

/// `assetctl ls`: the assets, optionally of one state or one article, as an aligned table.
package struct ListCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List assets with state, size, digest, URL and error."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Option(help: "Only assets in this state (queued, fetching, cached, failed, evicted).", transform: state(named:))
    package var state: AssetState?

    @Option(name: .customLong("article"), help: "Only assets of this article id.")
    package var articleID: Int64?

    @Flag(help: "Print the API's asset list document.")
    package var json = false

    package init() {}

    /// The API query these flags make.
    package var query: AssetListQuery {
        AssetListQuery(state: state, articleID: articleID)
    }

    package func run() async throws {
        let reply = try await AssetListPaging.all(query, client: try connection.makeClient())
        if json {
            CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
        } else {
            CLIOutput.standardOutput(AssetRendering.table(reply.document.assets))
        }
    }

    private static func state(named name: String) throws -> AssetState {
        guard let state = AssetState(rawValue: name) else {
            let names = AssetState.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown state '\(name)'; use one of \(names)")
        }
        return state
    }
}
