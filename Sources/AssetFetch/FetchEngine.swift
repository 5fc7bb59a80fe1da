package import Logging
import Synchronization

/// Downloads many URLs concurrently through one libcurl multi handle driven by a dedicated thread.
///
/// Transfers are bounded in total (`concurrency`) and per origin (`perHost`) by the engine's own queues, so a
/// transfer's timeout starts only when it really starts. At most `queueLimit` jobs are held at once; further
/// callers wait in line (memory stays flat however many requests are submitted). Bodies stream into a caller's
/// `BodySink`. Thread-safe: call from any task. Call `shutDown()` before dropping the engine.
package final class FetchEngine: Sendable {
    /// The engine's limits and the policy applied to every fetch.
    package struct Configuration: Sendable, Equatable {
        /// Transfers running at once.
        package var concurrency: Int
        /// Transfers running at once against one scheme+host+port.
        package var perHost: Int
        /// Jobs held by the engine (queued plus running); defaults to 4 × concurrency.
        package var queueLimit: Int
        package var policy: FetchPolicy

        package init(concurrency: Int = 32, perHost: Int = 8, queueLimit: Int? = nil, policy: FetchPolicy = .init()) {
            self.concurrency = max(1, concurrency)
            self.perHost = max(1, perHost)
            self.queueLimit = max(self.concurrency, queueLimit ?? self.concurrency * 4)
            self.policy = policy
        }
    }

    package let configuration: Configuration
    private let mailbox: EngineMailbox
    private let loop: CurlMultiLoop
    private let nextID = Atomic<UInt64>(1)

    /// Starts the engine thread.
    /// - Throws: `FetchError` `setupFailed` if libcurl cannot create the multi handle or a `connect-to` list.
    package init(
        configuration: Configuration,
        logger: Logger = Logger(label: "assetd.fetch", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(FetchError) {
        self.configuration = configuration
        mailbox = EngineMailbox(capacity: configuration.queueLimit)
        loop = try CurlMultiLoop(configuration: configuration, mailbox: mailbox, logger: logger)
        try loop.start()
    }

    deinit {
        shutDown()
    }

    /// The libcurl version in use, e.g. "7.88.1".
    package static var curlVersion: String { CurlMultiLoop.curlVersion }

    /// Fetches one URL, streaming its body into `sink`.
    ///
    /// Waits for room in the engine first. Cancelling the calling task aborts the transfer promptly.
    /// - Returns: the final response head and body size; `isNotModified` for a 304 to a conditional request.
    /// - Throws: `FetchError` with any `Code`: `invalidURL`/`badScheme` before anything is sent, `cancelled` when
    ///   the task is cancelled or the engine shuts down, otherwise the failure of the transfer.
    package func fetch(_ request: FetchRequest, into sink: some BodySink) async throws(FetchError) -> FetchResponse {
        if let error = configuration.policy.check(url: request.url) { throw error }
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        guard await mailbox.admit(id: id) else {
            throw FetchError(.cancelled, "cancelled before start: \(request.url)")
        }
        let result: Result<FetchResponse, FetchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                enqueue(id: id, request: request, sink: sink) { continuation.resume(returning: $0) }
            }
        } onCancel: {
            mailbox.postCancellation(id: id)
            loop.wakeUp()
        }
        return try result.get()
    }

    /// Submits a fetch without waiting for it: waits only for room in the engine, then returns; `completion` runs
    /// exactly once on the engine thread (keep it short).
    /// - Throws: `FetchError` `invalidURL`/`badScheme`, or `cancelled` if the task is cancelled while waiting or the
    ///   engine shuts down.
    package func submit(
        _ request: FetchRequest,
        into sink: some BodySink,
        completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) async throws(FetchError) {
        if let error = configuration.policy.check(url: request.url) { throw error }
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        guard await mailbox.admit(id: id) else {
            throw FetchError(.cancelled, "cancelled before start: \(request.url)")
        }
        enqueue(id: id, request: request, sink: sink, completion: completion)
    }

    private func enqueue(
        id: UInt64,
        request: FetchRequest,
        sink: some BodySink,
        completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) {
        guard let origin = URLOrigin(request.url) else {
            mailbox.release()
            completion(.failure(FetchError(.invalidURL, "cannot parse URL \(request.url)")))
            return
        }
        let job = FetchJob(id: id, request: request, origin: origin, sink: sink, completion: completion)
        if Task.isCancelled { job.markCancelled() }
        switch mailbox.post(job) {
        case .refused:
            mailbox.release()
            completion(.failure(FetchError(.cancelled, "engine shut down: \(request.url)")))
        case .acceptedNeedsWakeUp:
            loop.wakeUp()
        case .accepted:
            break
        }
    }

    /// Stops the engine: fails every queued and running fetch with `cancelled` and joins the engine thread.
    /// Idempotent. Blocks the caller until the thread has finished (normally a few milliseconds).
    package func shutDown() {
        mailbox.shutDown()
        loop.wakeUp()
        loop.join()
    }
}
