package import FoundationEssentials

/// The daemon's state at a glance (`GET /v1/status`, and the periodic `status` event).
package struct StatusDocument: Sendable, Hashable, Codable {
    /// The daemon's version string.
    package var version: String
    /// Assets by state.
    package var assets: AssetStateCounts
    /// Articles in the index.
    package var articles: Int
    /// Objects in the cache.
    package var objects: Int
    /// Bytes the cached objects occupy.
    package var bytes: Int64
    /// The configured cache limit (`max-cache-bytes`) in bytes.
    package var cacheLimitBytes: Int64
    /// Transfers running now.
    package var activeTransfers: Int
    /// Bytes received per second, averaged over the last few seconds.
    package var transferRate: Double
    /// When the daemon started.
    package var startedAt: Date
    /// Seconds since the daemon started.
    package var uptimeSeconds: Double

    enum CodingKeys: String, CodingKey {
        case version, assets, articles, objects, bytes
        case cacheLimitBytes = "cache_limit_bytes"
        case activeTransfers = "active_transfers"
        case transferRate = "transfer_rate"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
    }

    /// Creates a status document.
    /// - Parameters:
    ///   - version: the daemon's version.
    ///   - assets: assets by state.
    ///   - articles: article count.
    ///   - objects: cached object count.
    ///   - bytes: cached bytes.
    ///   - cacheLimitBytes: the cache limit in bytes.
    ///   - activeTransfers: running transfers.
    ///   - transferRate: bytes per second.
    ///   - startedAt: the start time.
    ///   - uptimeSeconds: seconds since start.
    package init(
        version: String,
        assets: AssetStateCounts,
        articles: Int,
        objects: Int,
        bytes: Int64,
        cacheLimitBytes: Int64,
        activeTransfers: Int,
        transferRate: Double,
        startedAt: Date,
        uptimeSeconds: Double
    ) {
        self.version = version
        self.assets = assets
        self.articles = articles
        self.objects = objects
        self.bytes = bytes
        self.cacheLimitBytes = cacheLimitBytes
        self.activeTransfers = activeTransfers
        self.transferRate = transferRate
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
    }
}
