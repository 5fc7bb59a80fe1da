package import ArgumentParser
import AssetAPI
import AssetFetch

/// `assetctl cat`: an asset's cached bytes on standard output, streamed from the daemon.
package struct CatCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Write an asset's cached bytes to standard output (exit 1 when it is not cached)."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Argument(help: "The asset's URL.")
    package var url: String

    package init() {}

    package func run() async throws {
        let client = try connection.makeClient()
        let asset = try await AssetLookup.cached(url: url, client: client)
        guard let digest = asset.sha256 else {
            throw CLIFailure(message: "\(url) has no digest", exitCode: CLIExitStatus.failed)
        }
        let stream = try await client.open(APIRoute.object(sha256: digest), accept: "*/*")
        var received: Int64 = 0
        do {
            for try await chunk in stream {
                received += Int64(chunk.count)
                guard CLIOutput.standardOutput(bytes: chunk) else {
                    // The reader went away (a closed pipe): stop quietly, as cat does.
                    return
                }
            }
        } catch {
            throw CLIFailure(
                message: "the transfer of \(url) broke off after \(received) bytes: \(error)",
                exitCode: CLIExitStatus.unreachable
            )
        }
        if let expected = asset.byteCount, expected != received {
            throw CLIFailure(
                message: "received \(received) bytes of \(url), expected \(expected)",
                exitCode: CLIExitStatus.failed
            )
        }
    }
}
