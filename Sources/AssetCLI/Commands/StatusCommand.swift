package import ArgumentParser
import AssetAPI

/// `assetctl status`: counts by state, the cache against its limit, transfers and uptime.
package struct StatusCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts by state, objects, bytes, cache limit, transfer rate and uptime."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Flag(help: "Print the API's status document.")
    package var json = false

    package init() {}

    package func run() async throws {
        let reply = try await connection.makeClient().get(APIRoute.status, as: StatusDocument.self)
        if json {
            CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
        } else {
            CLIOutput.standardOutput(StatusRendering.text(reply.document))
        }
    }
}
