package import AssetAPI

/// `assetctl status` for people: one labelled line per fact.
package enum StatusRendering {
    /// Counts by state, articles, the cache against its limit, transfers and uptime, aligned on their labels.
    package static func text(_ status: StatusDocument) -> String {
        let counts = status.assets
        let states = AssetState.allCases.map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: ", ")
        var cache = "\(status.objects) object\(status.objects == 1 ? "" : "s"), \(ByteFormat.bytes(status.bytes))"
        if status.cacheLimitBytes > 0 {
            let percent = Int((Double(status.bytes) / Double(status.cacheLimitBytes) * 100).rounded())
            cache += " of \(ByteFormat.bytes(status.cacheLimitBytes)) (\(percent)%)"
        } else {
            cache += " (no limit)"
        }
        let rows = [
            ["assets", "\(counts.total): \(states)"],
            ["articles", "\(status.articles)"],
            ["cache", cache],
            ["transfers", "\(status.activeTransfers) active, \(ByteFormat.rate(status.transferRate))"],
            ["uptime", "\(ByteFormat.duration(seconds: status.uptimeSeconds)) (assetd \(status.version))"],
        ]
        return TextTable.render(rows)
    }
}
