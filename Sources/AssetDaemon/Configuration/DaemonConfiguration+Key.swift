extension DaemonConfiguration {
    /// The configuration keys, spelled as in the JSON file and as flags (`--max-cache-bytes`); the environment
    /// variable is `ASSETD_` + the key in upper snake case (`ASSETD_MAX_CACHE_BYTES`).
    package enum Key: String, Sendable, Hashable, CaseIterable {
        case socket
        case stateDirectory = "state-dir"
        case cacheDirectory = "cache-dir"
        case maxCacheBytes = "max-cache-bytes"
        case concurrency
        case perHost = "per-host"
        case connectTimeout = "connect-timeout"
        case timeout
        case lowSpeedLimit = "low-speed-limit"
        case lowSpeedTime = "low-speed-time"
        case retries
        case retryBaseDelay = "retry-base-delay"
        case retryMaxDelay = "retry-max-delay"
        case maxObjectBytes = "max-object-bytes"
        case acceptTypes = "accept-types"
        case userAgent = "user-agent"
        case proxy
        case caFile = "ca-file"
        case connectTo = "connect-to"
        case allowPrivateNetworks = "allow-private-networks"
        case width
        case dpr
        case viewport
        case policy
        case durability
        case logLevel = "log-level"

        /// The shape of value a key takes, which decides how it is read from each source.
        package enum Kind: Sendable {
            /// Free text (paths, user agent, proxy).
            case text
            /// A whole number.
            case integer
            /// A number, possibly with a fraction.
            case decimal
            /// `true` or `false`.
            case boolean
            /// A byte size: integer or text such as `512MiB`.
            case byteCount
            /// A duration: seconds as a number, or text such as `30s`.
            case duration
            /// A list of strings.
            case list
            /// One of a fixed set of names.
            case name
        }

        /// The shape of this key's value.
        package var kind: Kind {
            switch self {
            case .socket, .stateDirectory, .cacheDirectory, .userAgent, .proxy, .caFile: .text
            case .concurrency, .perHost, .retries: .integer
            case .width, .dpr, .viewport: .decimal
            case .allowPrivateNetworks: .boolean
            case .maxCacheBytes, .lowSpeedLimit, .maxObjectBytes: .byteCount
            case .connectTimeout, .timeout, .lowSpeedTime, .retryBaseDelay, .retryMaxDelay: .duration
            case .acceptTypes, .connectTo: .list
            case .policy, .durability, .logLevel: .name
            }
        }

        /// The environment variable that sets this key.
        package var environmentVariable: String {
            "ASSETD_" + rawValue.uppercased().replacingHyphens
        }

    }
}

extension String {
    /// The string with `-` replaced by `_`.
    fileprivate var replacingHyphens: String {
        String(map { $0 == "-" ? "_" : $0 })
    }
}
