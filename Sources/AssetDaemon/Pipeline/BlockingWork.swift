import Dispatch

/// Runs blocking file work (fsync, reads of stored objects) on a dispatch queue, off the cooperative thread pool.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "assetd.blocking", qos: .utility, attributes: .concurrent)

    /// Runs `body` on the blocking queue and returns its result.
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }
}
