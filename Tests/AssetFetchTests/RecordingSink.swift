import AssetFetch
import Crypto
import Synchronization

/// A body sink for tests: hashes what it receives with SHA-256, remembers the head, and can be told to fail.
final class RecordingSink: BodySink {
    struct SinkError: Error, Equatable {}

    private struct State {
        var hasher = SHA256()
        var head: ResponseHead?
        var byteCount = 0
        var beginCount = 0
        var writesAfterFinish = 0
    }

    private let state = Mutex(State())
    /// Throw from `write` once this many bytes have arrived (nil: never).
    private let failAfterBytes: Int?

    init(failAfterBytes: Int? = nil) {
        self.failAfterBytes = failAfterBytes
    }

    func begin(head: ResponseHead) throws {
        state.withLock {
            $0.head = head
            $0.beginCount += 1
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        let count = state.withLock { state in
            state.hasher.update(bufferPointer: bytes)
            state.byteCount += bytes.count
            return state.byteCount
        }
        if let failAfterBytes, count >= failAfterBytes { throw SinkError() }
    }

    var head: ResponseHead? { state.withLock { $0.head } }
    var byteCount: Int { state.withLock { $0.byteCount } }
    var beginCount: Int { state.withLock { $0.beginCount } }
    var sha256Hex: String {
        state.withLock { state in
            state.hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}
