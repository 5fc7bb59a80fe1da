import Synchronization

/// One submitted request on its way through the engine.
///
/// Safety: `request`, `sink`, `origin` and `completion` are set before the job is handed to the engine thread (the
/// hand-over goes through the engine's mutex) and never change; `isCancelled` is atomic; `isFinished` is touched
/// only on the engine thread.
final class FetchJob: @unchecked Sendable {
    let id: UInt64
    let request: FetchRequest
    let origin: URLOrigin
    let sink: any BodySink
    private let completion: @Sendable (Result<FetchResponse, FetchError>) -> Void
    private let cancelFlag = Atomic<Bool>(false)
    private(set) var isFinished = false

    init(
        id: UInt64,
        request: FetchRequest,
        origin: URLOrigin,
        sink: any BodySink,
        completion: @escaping @Sendable (Result<FetchResponse, FetchError>) -> Void
    ) {
        self.id = id
        self.request = request
        self.origin = origin
        self.sink = sink
        self.completion = completion
    }

    var isCancelled: Bool { cancelFlag.load(ordering: .acquiring) }

    /// Marks the job cancelled; the engine thread notices it when it next looks at the job.
    func markCancelled() {
        cancelFlag.store(true, ordering: .releasing)
    }

    /// Delivers the result exactly once (engine thread only); later calls are ignored.
    func finish(_ result: Result<FetchResponse, FetchError>) {
        guard !isFinished else { return }
        isFinished = true
        completion(result)
    }
}
