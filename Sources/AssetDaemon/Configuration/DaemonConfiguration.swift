package import AssetParser
package import Logging

/// The daemon's validated settings (DESIGN.md §8), read once at start by ``ConfigurationLoader``.
///
/// Byte sizes are in bytes, durations are `Duration`s. `socket`, `state-dir` and `cache-dir` stay `nil` unless set;
/// ``DaemonPaths`` turns them into paths from the environment (XDG or systemd).
package struct DaemonConfiguration: Sendable, Equatable {
    /// `socket`: the control socket's path, or `nil` for the default of ``DaemonPaths``.
    package var socket: String?
    /// `state-dir`: the index's directory, or `nil` for the default of ``DaemonPaths``.
    package var stateDirectory: String?
    /// `cache-dir`: the objects' directory, or `nil` for the default of ``DaemonPaths``.
    package var cacheDirectory: String?
    /// `max-cache-bytes`: the cache size above which least-recently-used objects are evicted.
    package var maxCacheBytes: Int64
    /// `concurrency`: transfers running at once, in total.
    package var concurrency: Int
    /// `per-host`: transfers running at once to one host.
    package var perHost: Int
    /// `connect-timeout`: the limit on connecting (DNS, TCP, TLS).
    package var connectTimeout: Duration
    /// `timeout`: the limit on a whole transfer; zero means none.
    package var timeout: Duration
    /// `low-speed-limit`: bytes per second below which a transfer counts as stalled; zero disables the check.
    package var lowSpeedLimit: Int64
    /// `low-speed-time`: how long a transfer may stay below `low-speed-limit` before it is aborted.
    package var lowSpeedTime: Duration
    /// `retries`: further attempts after a failed transfer that may succeed later.
    package var retries: Int
    /// `retry-base-delay`: the delay before the first retry (doubling after each further failure; each delay is
    /// jittered into its upper half, see `RetrySchedule`).
    package var retryBaseDelay: Duration
    /// `retry-max-delay`: the cap on the delay between retries.
    package var retryMaxDelay: Duration
    /// `max-object-bytes`: the largest body accepted; larger transfers are aborted.
    package var maxObjectBytes: Int64
    /// `accept-types`: MIME types (`image/*`, `image/webp`) sent in Accept and required of responses.
    package var acceptTypes: [String]
    /// `user-agent`: the User-Agent header.
    package var userAgent: String
    /// `proxy`: the proxy URL for every transfer, or `nil` for none.
    package var proxy: String?
    /// `ca-file`: a PEM bundle of trusted CAs instead of the system's, or `nil`.
    package var caFile: String?
    /// `connect-to`: connection redirections in curl's syntax.
    package var connectTo: [ConnectToRule]
    /// `allow-private-networks`: whether loopback, private and link-local addresses may be fetched.
    package var allowPrivateNetworks: Bool
    /// `width`: the display width in CSS px overriding `sizes`, or `nil` to use `sizes`.
    package var width: Double?
    /// `dpr`: the device pixel ratio.
    package var dpr: Double
    /// `viewport`: the viewport width in CSS px.
    package var viewport: Double
    /// `policy`: how to choose among candidates.
    package var policy: SelectionPolicy
    /// `durability`: how hard commits work to survive power loss.
    package var durability: Durability
    /// `log-level`: the least severe level logged.
    package var logLevel: Logger.Level

    /// The built-in defaults, the same values `Config/assetd.json` lists.
    package static let defaults = DaemonConfiguration(
        socket: nil,
        stateDirectory: nil,
        cacheDirectory: nil,
        maxCacheBytes: 10 << 30,
        concurrency: 16,
        perHost: 4,
        connectTimeout: .seconds(10),
        timeout: .seconds(300),
        lowSpeedLimit: 1024,
        lowSpeedTime: .seconds(30),
        retries: 5,
        retryBaseDelay: .seconds(1),
        retryMaxDelay: .seconds(300),
        maxObjectBytes: 100 << 20,
        acceptTypes: ["image/*"],
        userAgent: "assetd/0.1",
        proxy: nil,
        caFile: nil,
        connectTo: [],
        allowPrivateNetworks: false,
        width: nil,
        dpr: 1,
        viewport: 1280,
        policy: .fit,
        durability: .full,
        logLevel: .info
    )

    /// The parser's selection options these settings describe.
    package var selectionOptions: SelectionOptions {
        let accepted = Set(acceptTypes.filter { !$0.hasSuffix("/*") })
        return SelectionOptions(
            width: width,
            dpr: dpr,
            viewport: viewport,
            policy: policy,
            acceptedTypes: acceptTypes.contains("image/*") || accepted.isEmpty ? nil : accepted
        )
    }
}
