package import ArgumentParser
import AssetAPI

/// `assetctl gc`: removes unreferenced objects and stale ingest files, and evicts to fit the cache limit.
package struct GarbageCollectCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Remove unreferenced objects and leftover ingest files; evict to fit the cache limit."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Flag(help: "Print the API's result document.")
    package var json = false

    package init() {}

    package func run() async throws {
        let client = try connection.makeClient()
        let reply = try await client.post(
            APIRoute.garbageCollection,
            body: [],
            contentType: "application/json",
            timeout: nil,
            as: GarbageCollectionResult.self
        )
        if json {
            CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
        } else {
            CLIOutput.standardOutput(MaintenanceRendering.garbageCollection(reply.document))
        }
    }
}
