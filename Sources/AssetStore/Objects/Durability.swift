/// Whether commits wait for the device (`full`: fsync the file and its directory) or not (`relaxed`).
///
/// `relaxed` is faster and survives a crash of the process but not of the machine: after a power loss an
/// object may be missing or truncated while the index names it, until `verify` finds it.
package enum Durability: String, Sendable, CaseIterable {
    /// fsync the ingest file before publishing it and the shard directory after (the default).
    case full
    /// Skip both fsyncs.
    case relaxed
}
