package import ArgumentParser
import AssetAPI

/// `assetctl retry`: queues failed assets (and, without `--failed`, those waiting for a retry time) again, now.
package struct RetryCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue failed assets again now (without --failed, also those waiting for their retry time)."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Flag(help: "Only failed assets.")
    package var failed = false

    @Flag(help: "Print the API's result document.")
    package var json = false

    package init() {}

    package func run() async throws {
        let request = RetryRequest(failedOnly: failed)
        let reply = try await connection.makeClient().post(APIRoute.retry, json: request, as: RetryResult.self)
        if json {
            CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
        } else {
            CLIOutput.standardOutput(MaintenanceRendering.retry(reply.document))
        }
    }
}
