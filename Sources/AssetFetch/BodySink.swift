/// Receives the body of one transfer as it streams in (the store's ingest writer hashes and writes it to a file).
///
/// The engine calls a sink from its own thread, one call at a time and never concurrently, in this order:
/// `begin(head:)` once when the final response head has passed the policy, then `write(_:)` for each chunk. No call
/// happens after `fetch` has returned or thrown. A sink that throws aborts the transfer, which then fails with
/// `sinkFailed` carrying the thrown error. Calls should be quick: they run on the thread that drives every transfer.
package protocol BodySink: AnyObject, Sendable {
    /// Called once, before any body byte, with the head of the final response.
    func begin(head: ResponseHead) throws
    /// Called for each chunk of body bytes, in order. The buffer is valid only during the call.
    func write(_ bytes: UnsafeRawBufferPointer) throws
}
