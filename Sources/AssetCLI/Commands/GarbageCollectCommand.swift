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
        _ = try await MaintenanceRequest.run(
            APIRoute.garbageCollection,
            connection: connection,
            json: json,
            as: GarbageCollectionResult.self,
            render: MaintenanceRendering.garbageCollection
        )
    }
}
