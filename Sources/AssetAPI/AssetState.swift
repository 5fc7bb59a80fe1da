/// Where an asset is in its life: queued → fetching → cached, or failed; a cached asset may be evicted.
package enum AssetState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for a transfer slot or for its retry time.
    case queued
    /// A transfer is running.
    case fetching
    /// The bytes are in the cache; the record names the digest.
    case cached
    /// Retries are exhausted or the failure is permanent; the record names the error.
    case failed
    /// The bytes were evicted to honour the cache limit; the asset can be fetched again.
    case evicted
}
