package import ArgumentParser
import AssetAPI

/// `assetctl path`: the cached file of an asset.
package struct PathCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the path of an asset's cached file (exit 1 when it is not cached)."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Argument(help: "The asset's URL.")
    package var url: String

    package init() {}

    package func run() async throws {
        let asset = try await AssetLookup.cached(url: url, client: try connection.makeClient())
        guard let path = asset.path else {
            throw CLIFailure(message: "assetd did not say where \(url) is cached", exitCode: CLIExitStatus.failed)
        }
        CLIOutput.standardOutput(path + "\n")
    }
}
