import AssetAPI

/// The shared part of `assetctl verify` and `assetctl gc`: an empty POST whose result document is printed either as
/// the daemon sent it (`--json`) or rendered for people.
enum MaintenanceRequest {
    /// Posts to `route` with no timeout (the daemon's work can take long on a big cache) and prints the result.
    /// - Returns: the decoded result, for commands whose exit status depends on it.
    static func run<Document: Decodable & Sendable>(
        _ route: String,
        connection: ConnectionOptions,
        json: Bool,
        as type: Document.Type,
        render: (Document) -> String
    ) async throws -> Document {
        let client = try connection.makeClient()
        let reply = try await client.post(route, body: [], contentType: "application/json", timeout: nil, as: type)
        if json {
            CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
        } else {
            CLIOutput.standardOutput(render(reply.document))
        }
        return reply.document
    }
}
