package import FoundationEssentials
import Synchronization

/// Live counters of the scheduler: transfers in flight and bytes received, plus the transfer rate sampled from them.
/// Thread-safe (atomics and a mutex).
package final class TransferStatistics: Sendable {
    private struct Sample {
        var time: ContinuousClock.Instant
        var bytes: Int64
        var rate: Double
    }

    private let active = Atomic<Int>(0)
    private let received = Atomic<Int64>(0)
    private let sample: Mutex<Sample>
    /// When the daemon started.
    package let startedAt: Date

    package init(startedAt: Date = Date()) {
        self.startedAt = startedAt
        sample = Mutex(Sample(time: .now, bytes: 0, rate: 0))
    }

    /// Transfers in flight.
    package var activeTransfers: Int { active.load(ordering: .relaxed) }
    /// Body bytes received since start.
    package var bytesReceived: Int64 { received.load(ordering: .relaxed) }

    func transferStarted() { active.add(1, ordering: .relaxed) }
    func transferEnded() { active.subtract(1, ordering: .relaxed) }
    func received(byteCount: Int) { received.add(Int64(byteCount), ordering: .relaxed) }

    /// The receive rate in bytes per second over the time since the previous call that was at least a second ago.
    /// - Returns: The rate; the last computed rate when called again within a second.
    package func sampleRate() -> Double {
        let now = ContinuousClock.now
        let bytes = bytesReceived
        return sample.withLock { sample in
            let elapsed = sample.time.duration(to: now)
            guard elapsed >= .seconds(1) else { return sample.rate }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            sample.rate = Double(bytes - sample.bytes) / seconds
            sample.time = now
            sample.bytes = bytes
            return sample.rate
        }
    }
}
