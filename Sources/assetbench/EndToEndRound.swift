/// The results at one concurrency: assetd's run and the peers' runs.
struct EndToEndRound {
    var concurrency: Int
    /// assetd: wall-clock seconds of `assetctl enqueue --wait`, CPU of the daemon plus `assetctl`.
    var assetd: EndToEndMeasurement
    /// CPU seconds of the daemon alone across the run (`/proc/<pid>/stat`).
    var daemonCPUSeconds: Double?
    /// The peer tools, in the order they ran.
    var peers: [EndToEndMeasurement]

    /// The peer with the shortest time, if any ran.
    var fastestPeer: EndToEndMeasurement? {
        peers.filter { $0.seconds != nil }.min { ($0.seconds ?? 0) < ($1.seconds ?? 0) }
    }
}
