package import ArgumentParser
import AssetAPI

/// `assetctl verify`: the daemon re-hashes every object; exit 1 when one is corrupt or missing.
package struct VerifyCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash every cached object; corrupt ones are quarantined and their assets queued again.",
        discussion: "Exits 0 when every object is intact, 1 when one was corrupt or missing."
    )

    @OptionGroup package var connection: ConnectionOptions

    @Flag(help: "Print the API's result document.")
    package var json = false

    package init() {}

    package func run() async throws {
        let result = try await MaintenanceRequest.run(
            APIRoute.verify,
            connection: connection,
            json: json,
            as: VerifyResult.self,
            render: MaintenanceRendering.verify
        )
        if !result.isClean {
            throw CLIExitStatus.failed
        }
    }
}
