import Dispatch
import Synchronization

/// Runs blocking file work (fsync, link, reads and hashing of stored objects) off the cooperative thread pool.
///
/// The work goes round-robin to a fixed set of serial dispatch queues, each of which gets a thread of its own while
/// it has work. A single concurrent queue would not do: on Linux, libdispatch runs only about as many blocks of a
/// concurrent queue at once as there are cores, so with two cores two fsyncs would hold up every other commit. With
/// one lane per transfer slot the fsyncs of concurrent transfers overlap and the disk can merge their flushes.
package enum BlockingIO {
    /// The number of lanes: at most this many blocking calls run at once.
    package static let laneCount = 64
    private static let lanes = (0..<laneCount).map {
        DispatchQueue(label: "assetd.io.\($0)", qos: .utility)
    }
    private static let nextLane = Atomic<UInt>(0)

    /// Runs `body` on an I/O lane and returns its result to the awaiting task.
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    package static func run<Value: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let lane = lanes[Int(nextLane.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(laneCount))]
        let result: Result<Value, Failure> = await withCheckedContinuation { continuation in
            lane.async {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try body() })
            }
        }
        return try result.get()
    }
}
