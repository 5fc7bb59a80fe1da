import AssetFetch
import AssetStore
import Synchronization

/// The body sink of one transfer: checks the response's media type, then streams the body into an ingest file
/// (hashing as it writes) and counts the bytes for the daemon's statistics.
///
/// The fetch engine calls it on its thread, one call at a time; the lock only publishes the head to the caller.
final class IngestSink: BodySink {
    /// Why the sink refused a response before any body byte was kept.
    struct RejectedType: Error, CustomStringConvertible {
        var contentType: String?
        var description: String { "Content-Type \(contentType ?? "(none)") is not accepted" }
    }

    let writer: IngestWriter
    private let accepts: @Sendable (String?) -> Bool
    private let onBytes: @Sendable (Int) -> Void
    private let receivedHead = Mutex<ResponseHead?>(nil)

    /// Creates a sink.
    /// - Parameters:
    ///   - writer: The ingest file.
    ///   - accepts: Whether a media type (lower case, no parameters) is acceptable for this transfer.
    ///   - onBytes: Called with the size of each chunk after it was written.
    init(
        writer: IngestWriter,
        accepts: @escaping @Sendable (String?) -> Bool,
        onBytes: @escaping @Sendable (Int) -> Void
    ) {
        self.writer = writer
        self.accepts = accepts
        self.onBytes = onBytes
    }

    /// The head passed to `begin`, if the transfer got that far.
    var head: ResponseHead? { receivedHead.withLock { $0 } }

    func begin(head: ResponseHead) throws {
        receivedHead.withLock { $0 = head }
        guard accepts(head.contentType) else { throw RejectedType(contentType: head.contentType) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try writer.write(bytes)
        onBytes(bytes.count)
    }

    /// Replaces a `sinkFailed` caused by this sink's type check with the `wrongType` the policy would have given.
    /// - Parameter error: The error the engine threw.
    /// - Returns: The error to record.
    static func normalized(_ error: FetchError) -> FetchError {
        guard error.code == .sinkFailed else { return error }
        if let rejected = error.underlying as? RejectedType {
            return FetchError(.wrongType, "\(rejected)", underlying: rejected, httpStatus: error.httpStatus)
        }
        if let storeError = error.underlying as? StoreError {
            return FetchError(.sinkFailed, "cannot store the body: \(storeError.message)", underlying: storeError)
        }
        return error
    }
}
