/// Something that fetches a URL into a body sink: `FetchEngine`, or a fake in the scheduler's tests.
package protocol FetchTransport: Sendable {
    /// Fetches one URL, streaming its body into `sink`; see `FetchEngine.fetch(_:into:)` for the contract.
    /// - Throws: `FetchError`.
    func fetch(_ request: FetchRequest, into sink: some BodySink) async throws(FetchError) -> FetchResponse
}

extension FetchEngine: FetchTransport {}
