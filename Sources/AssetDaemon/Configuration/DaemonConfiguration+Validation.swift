import AssetParser
import Logging

extension DaemonConfiguration {
    /// Builds settings from raw inputs, finding every problem at once. Pure: no file or environment is read.
    ///
    /// A key without input takes its default. A bad value is reported and replaced by its default, so later checks
    /// still run; contradictions are checked only between values that are themselves valid.
    /// - Parameter inputs: the value each key was given by its highest-precedence source.
    /// - Returns: the settings, and the problems (empty when the settings are usable).
    package static func validate(_ inputs: [Key: ConfigInput]) -> (
        configuration: DaemonConfiguration, problems: [ConfigProblem]
    ) {
        var reader = InputValidator(inputs: inputs)
        var config = DaemonConfiguration.defaults
        config.socket = reader.path(.socket)
        config.stateDirectory = reader.path(.stateDirectory)
        config.cacheDirectory = reader.path(.cacheDirectory)
        config.maxCacheBytes = reader.byteCount(.maxCacheBytes, minimum: 1) ?? config.maxCacheBytes
        config.concurrency = reader.integer(.concurrency, in: 1...1024) ?? config.concurrency
        config.perHost = reader.integer(.perHost, in: 1...1024) ?? config.perHost
        config.connectTimeout = reader.duration(.connectTimeout, allowZero: false) ?? config.connectTimeout
        config.timeout = reader.duration(.timeout, allowZero: true) ?? config.timeout
        config.lowSpeedLimit = reader.byteCount(.lowSpeedLimit, minimum: 0) ?? config.lowSpeedLimit
        config.lowSpeedTime = reader.duration(.lowSpeedTime, allowZero: false) ?? config.lowSpeedTime
        config.retries = reader.integer(.retries, in: 0...100) ?? config.retries
        config.retryBaseDelay = reader.duration(.retryBaseDelay, allowZero: false) ?? config.retryBaseDelay
        config.retryMaxDelay = reader.duration(.retryMaxDelay, allowZero: false) ?? config.retryMaxDelay
        config.maxObjectBytes = reader.byteCount(.maxObjectBytes, minimum: 1) ?? config.maxObjectBytes
        config.acceptTypes = reader.acceptTypes() ?? config.acceptTypes
        config.userAgent = reader.userAgent() ?? config.userAgent
        config.proxy = reader.proxy()
        config.caFile = reader.absolutePath(.caFile)
        config.connectTo = reader.connectTo()
        config.allowPrivateNetworks = reader.boolean(.allowPrivateNetworks) ?? config.allowPrivateNetworks
        config.width = reader.width()
        config.dpr = reader.decimal(.dpr, in: 0.1...16) ?? config.dpr
        config.viewport = reader.decimal(.viewport, in: 1...100_000) ?? config.viewport
        config.policy = reader.name(.policy, SelectionPolicy.allCases.map { ($0.rawValue, $0) }) ?? config.policy
        config.durability = reader.name(.durability, Durability.allCases.map { ($0.rawValue, $0) }) ?? config.durability
        config.logLevel = reader.name(.logLevel, Logger.Level.allCases.map { ($0.rawValue, $0) }) ?? config.logLevel
        reader.checkContradictions(config)
        return (config, reader.problems)
    }
}
