import NIOCore
import Synchronization

/// The test origin's shared state: recorded requests, per-target attempt counts, published files and open
/// connections. Thread-safe (one `Mutex`); touched from every event loop serving the origin.
final class OriginLedger: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var requestCount = 0
        var attempts: [String: Int] = [:]
        var published: [String: OriginRouter.PublishedFile] = [:]
        var nextConnectionID = 0
        var openConnections: [Int: any Channel] = [:]
        var isClosed = false
    }

    private let state = Mutex(State())
    private let keepsRequests: Bool

    init(keepsRequests: Bool) {
        self.keepsRequests = keepsRequests
    }

    /// Registers an accepted connection; returns its id, or `nil` once the origin is shutting down.
    func open(_ channel: any Channel) -> Int? {
        state.withLock { state in
            guard !state.isClosed else {
                return nil
            }
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            state.openConnections[id] = channel
            return id
        }
    }

    func closed(_ connectionID: Int) {
        _ = state.withLock { $0.openConnections.removeValue(forKey: connectionID) }
    }

    /// Stops accepting connections and returns the ones still open.
    func closeAll() -> [any Channel] {
        state.withLock { state in
            state.isClosed = true
            defer { state.openConnections = [:] }
            return Array(state.openConnections.values)
        }
    }

    /// Records a request and returns its attempt number for `target` (1 for the first request with that target).
    func record(
        method: String,
        target: String,
        version: String,
        headers: [HeaderField],
        connectionID: Int
    ) -> Int {
        let arrival = ContinuousClock.now
        return state.withLock { state in
            if keepsRequests {
                state.requests.append(
                    RecordedRequest(
                        sequence: state.requestCount,
                        method: method,
                        target: target,
                        version: version,
                        headers: headers,
                        connectionID: connectionID,
                        arrival: arrival
                    )
                )
            }
            state.requestCount += 1
            let attempt = state.attempts[target, default: 0] + 1
            state.attempts[target] = attempt
            return attempt
        }
    }

    var requests: [RecordedRequest] {
        state.withLock { $0.requests }
    }

    var requestCount: Int {
        state.withLock { $0.requestCount }
    }

    var connectionCount: Int {
        state.withLock { $0.nextConnectionID }
    }

    func attempts(for target: String) -> Int {
        state.withLock { $0.attempts[target, default: 0] }
    }

    func publish(_ path: String, file: OriginRouter.PublishedFile) {
        state.withLock { $0.published[path] = file }
    }

    func published(at path: String) -> OriginRouter.PublishedFile? {
        state.withLock { $0.published[path] }
    }
}
