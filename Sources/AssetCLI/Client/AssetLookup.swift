import AssetAPI

/// Finding assets by URL or digest for `show`, `path` and `cat`; "nothing matches" is exit 1.
enum AssetLookup {
    /// The asset list for an exact URL, at least one record long.
    static func byURL(_ url: String, client: ControlClient) async throws(CLIFailure)
        -> ControlClient.Reply<AssetListDocument>
    {
        let reply = try await AssetListPaging.all(AssetListQuery(url: url), client: client)
        guard !reply.document.assets.isEmpty else {
            throw CLIFailure(message: "no asset with URL \(url)", exitCode: CLIExitStatus.failed)
        }
        return reply
    }

    /// The one asset with this URL.
    static func single(url: String, client: ControlClient) async throws(CLIFailure) -> AssetRecord {
        let assets = try await byURL(url, client: client).document.assets
        return assets.first { $0.url == url } ?? assets[0]
    }

    /// The assets whose digest starts with `prefix` (all of one digest; two digests are ambiguous).
    static func byDigest(prefix: String, client: ControlClient) async throws(CLIFailure) -> [AssetRecord] {
        let all = try await AssetListPaging.all(AssetListQuery(), client: client).document.assets
        let matches = all.filter { $0.sha256?.hasPrefix(prefix) == true }
        let digests = Set(matches.compactMap(\.sha256))
        guard !matches.isEmpty else {
            throw CLIFailure(message: "no asset with digest \(prefix)", exitCode: CLIExitStatus.failed)
        }
        guard digests.count == 1 else {
            throw CLIFailure(
                message: "digest prefix \(prefix) is ambiguous (\(digests.count) digests); give more digits",
                exitCode: CLIExitStatus.failed
            )
        }
        return matches
    }

    /// The cached asset with this URL; exit 1 when it is not (yet) cached.
    static func cached(url: String, client: ControlClient) async throws(CLIFailure) -> AssetRecord {
        let asset = try await single(url: url, client: client)
        guard asset.state == .cached, asset.sha256 != nil else {
            var message = "\(url) is not cached (state \(asset.state.rawValue))"
            if let error = asset.error { message += ": \(error.message)" }
            throw CLIFailure(message: message, exitCode: CLIExitStatus.failed)
        }
        return asset
    }
}
