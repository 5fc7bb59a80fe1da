/// How hard the store works to make a commit survive power loss (`durability` key).
package enum Durability: String, Sendable, Hashable, CaseIterable {
    /// fsync the object, its directory and the index on every commit (default).
    case full
    /// Skip the fsyncs: faster, and a power loss may lose recent objects (they are fetched again).
    case relaxed
}
