/// The latency run of `assetbench e2e`: control-API latency under a cold run, and against the idle daemon after it.
struct EndToEndLatencyRun {
    /// The daemon's `concurrency` (and `per-host`) in the run.
    var concurrency: Int
    /// Concurrent clients.
    var clients: Int
    /// Seconds of the cold `assetctl enqueue --wait` with the clients going.
    var enqueueSeconds: Double
    /// Latencies while the run was going.
    var loaded: EndToEndLatency
    /// Latencies against the idle daemon afterwards (5 s).
    var idle: EndToEndLatency

    /// The lines `assetbench e2e` prints.
    var summary: String {
        "latency: \(clients) clients over the control socket during a cold run at concurrency \(concurrency) "
            + "(enqueue --wait took \(EndToEndTable.format(enqueueSeconds, digits: 3)) s with them)\n"
            + loaded.summary(reference: idle)
            + "same clients against the idle daemon afterwards, 5 s:\n"
            + idle.summary()
    }
}
