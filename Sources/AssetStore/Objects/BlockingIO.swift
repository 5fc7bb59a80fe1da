import Dispatch

/// Runs blocking file work (hashing, fsync) on a dispatch queue instead of a cooperative-pool thread.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "assetd.store.io", qos: .utility, attributes: .concurrent)

    /// Runs `body` on the store's I/O queue and returns its result to the awaiting task.
    static func run<Value: Sendable>(
        _ body: @escaping @Sendable () throws(StoreError) -> Value
    ) async throws(StoreError) -> Value {
        let result: Result<Value, StoreError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(StoreError) -> Value in try body() })
            }
        }
        return try result.get()
    }
}
