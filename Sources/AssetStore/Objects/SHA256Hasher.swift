import Crypto

/// Incremental SHA-256 that ends in a `ContentDigest`; a small wrapper so callers need not import Crypto.
package struct SHA256Hasher: Sendable {
    private var hasher = SHA256()

    /// Starts an empty hash.
    package init() {}

    /// Feeds bytes.
    /// - Parameter buffer: The next bytes.
    package mutating func update(_ buffer: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: buffer)
    }

    /// Ends the hash.
    /// - Returns: The digest of everything fed.
    package func finalize() -> ContentDigest {
        ContentDigest(bytes: hasher.finalize())
    }

    /// Hashes a byte array at once.
    /// - Parameter bytes: The bytes.
    /// - Returns: Their digest.
    package static func digest(of bytes: [UInt8]) -> ContentDigest {
        var hasher = SHA256Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }
}
