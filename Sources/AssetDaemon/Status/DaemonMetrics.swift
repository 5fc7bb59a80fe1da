import Prometheus

/// The daemon's Prometheus metrics (`GET /metrics`): transfers by outcome, bytes received, queue depth, cache size
/// and objects, and the fetch latency histogram. Thread-safe (the registry's metrics are).
///
/// The registry is the daemon's own, not a global `MetricsSystem` bootstrap, so tests can run daemons side by side.
package final class DaemonMetrics: Sendable {
    /// Transfer outcomes used as the `outcome` label.
    package static let outcomes = ["cached", "retry", "failed", "interrupted"]

    private let registry = PrometheusCollectorRegistry()
    private let transfers: [String: Counter]
    private let bytesReceived: Counter
    private let queueDepth: Gauge
    private let activeTransfers: Gauge
    private let cacheBytes: Gauge
    private let cacheObjects: Gauge
    private let fetchDuration: DurationHistogram

    package init() {
        var transfers: [String: Counter] = [:]
        for outcome in Self.outcomes {
            transfers[outcome] = registry.makeCounter(
                descriptor: Self.name("transfers", unit: "total", help: "Finished transfers by outcome."),
                labels: [("outcome", outcome)]
            )
        }
        self.transfers = transfers
        bytesReceived = registry.makeCounter(
            descriptor: Self.name("received", unit: "bytes_total", help: "Body bytes received from origins.")
        )
        queueDepth = registry.makeGauge(
            descriptor: Self.name("queue_depth", unit: "", help: "Assets queued (due or waiting for a retry).")
        )
        activeTransfers = registry.makeGauge(
            descriptor: Self.name("active_transfers", unit: "", help: "Transfers in flight.")
        )
        cacheBytes = registry.makeGauge(
            descriptor: Self.name("cache", unit: "bytes", help: "Bytes of the objects in the cache.")
        )
        cacheObjects = registry.makeGauge(
            descriptor: Self.name("cache_objects", unit: "", help: "Objects in the cache.")
        )
        fetchDuration = registry.makeDurationHistogram(
            descriptor: Self.name("fetch_duration", unit: "seconds", help: "Time from transfer start to result."),
            labels: [],
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300),
            ]
        )
    }

    /// Counts one finished transfer.
    /// - Parameters:
    ///   - outcome: One of ``outcomes``.
    ///   - duration: How long the transfer took.
    package func recordTransfer(outcome: String, duration: Duration) {
        transfers[outcome]?.increment()
        fetchDuration.record(duration)
    }

    /// Counts received body bytes.
    /// - Parameter byteCount: The chunk's size.
    package func recordReceived(byteCount: Int) {
        bytesReceived.increment(by: Int64(byteCount))
    }

    /// Updates the gauges from a status snapshot.
    /// - Parameters:
    ///   - queued: Assets in state `queued`.
    ///   - active: Transfers in flight.
    ///   - bytes: Cache bytes.
    ///   - objects: Cache objects.
    package func update(queued: Int, active: Int, bytes: Int64, objects: Int) {
        queueDepth.set(Int64(queued))
        activeTransfers.set(Int64(active))
        cacheBytes.set(bytes)
        cacheObjects.set(Int64(objects))
    }

    /// The metrics in the Prometheus text exposition format.
    package func exposition() -> String {
        registry.emitToString()
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "assetd", metricName: metric, unitName: unit, helpText: help)
    }
}
