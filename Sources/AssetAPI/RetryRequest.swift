/// The body of `POST /v1/retry`: which assets to queue again now.
package struct RetryRequest: Sendable, Hashable, Codable {
    /// Only failed assets (`assetctl retry --failed`); otherwise failed ones and queued ones waiting for a retry time.
    package var failedOnly: Bool

    enum CodingKeys: String, CodingKey {
        case failedOnly = "failed_only"
    }

    /// Creates a retry request.
    /// - Parameter failedOnly: whether to touch only failed assets.
    package init(failedOnly: Bool = false) {
        self.failedOnly = failedOnly
    }
}
