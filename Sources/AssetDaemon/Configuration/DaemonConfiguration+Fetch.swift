package import AssetFetch

extension DaemonConfiguration {
    /// The fetch engine's limits and policy for this configuration. Pure.
    ///
    /// The engine accepts the configured `accept-types` plus the article types (HTML, text, XHTML), so articles
    /// fetched by URL go through the same engine and policy; each transfer's sink then admits only its own types.
    /// An empty `accept-types` accepts anything.
    package var fetchEngineConfiguration: FetchEngine.Configuration {
        var policy = FetchPolicy()
        policy.maxObjectBytes = maxObjectBytes
        policy.connectTimeout = connectTimeout
        policy.timeout = timeout
        policy.lowSpeedLimit = Int(clamping: lowSpeedLimit)
        policy.lowSpeedTime = lowSpeedTime
        policy.acceptTypes = acceptTypes.isEmpty ? [] : acceptTypes + DaemonCore.articleTypes
        policy.userAgent = userAgent
        policy.proxy = proxy
        policy.caFile = caFile
        policy.connectTo = connectTo.map(\.description)
        policy.allowPrivateNetworks = allowPrivateNetworks
        return FetchEngine.Configuration(concurrency: concurrency, perHost: perHost, policy: policy)
    }
}
