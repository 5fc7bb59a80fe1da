/// Where the store keeps its files under the cache directory; every path is computed from a digest alone.
///
/// ```
/// <cache-dir>/objects/sha256/<first 2 hex>/<64 hex>   immutable objects, mode 0444
/// <cache-dir>/ingest/<random>.part                   files being written, mode 0600
/// <cache-dir>/quarantine/<64 hex>.<random>            objects that failed verification
/// ```
/// Pure: no file system access.
package struct ObjectLayout: Sendable, Equatable {
    /// The cache directory, without a trailing slash.
    package let cacheDirectory: String

    /// Makes the layout rooted at a cache directory.
    /// - Parameter cacheDirectory: An absolute or relative directory path; trailing slashes are dropped.
    package init(cacheDirectory: String) {
        var root = cacheDirectory
        while root.count > 1, root.hasSuffix("/") {
            root.removeLast()
        }
        self.cacheDirectory = root
    }

    /// `<cache-dir>/objects/sha256`, the parent of the 256 shard directories.
    package var objectsDirectory: String { "\(cacheDirectory)/objects/sha256" }
    /// `<cache-dir>/ingest`, where writers create their temporary files.
    package var ingestDirectory: String { "\(cacheDirectory)/ingest" }
    /// `<cache-dir>/quarantine`, where objects that failed verification are moved.
    package var quarantineDirectory: String { "\(cacheDirectory)/quarantine" }

    /// The 256 shard names, `00` to `ff`.
    package static let shardNames: [String] = (0..<256).map { value in
        let table = Array("0123456789abcdef")
        return String([table[value >> 4], table[value & 0x0f]])
    }

    /// The directory holding a digest's object.
    /// - Parameter digest: The object's digest.
    /// - Returns: `<cache-dir>/objects/sha256/<first 2 hex>`.
    package func shardDirectory(for digest: ContentDigest) -> String {
        "\(objectsDirectory)/\(digest.shard)"
    }

    /// The path of a digest's object.
    /// - Parameter digest: The object's digest.
    /// - Returns: `<cache-dir>/objects/sha256/<first 2 hex>/<64 hex>`.
    package func objectPath(for digest: ContentDigest) -> String {
        "\(objectsDirectory)/\(digest.shard)/\(digest.hex)"
    }

    /// The path of an ingest file.
    /// - Parameter name: The file's name, as made by `makeIngestName`.
    /// - Returns: `<cache-dir>/ingest/<name>`.
    package func ingestPath(named name: String) -> String {
        "\(ingestDirectory)/\(name)"
    }

    /// The path an object is moved to when it fails verification.
    /// - Parameters:
    ///   - digest: The digest the object claimed.
    ///   - suffix: A random suffix, so that two quarantined copies of one digest both survive.
    /// - Returns: `<cache-dir>/quarantine/<64 hex>.<suffix>`.
    package func quarantinePath(for digest: ContentDigest, suffix: String) -> String {
        "\(quarantineDirectory)/\(digest.hex).\(suffix)"
    }

    /// Makes an ingest file name from 16 random bytes: 32 hex digits and `.part`.
    /// - Parameter randomBytes: The random bytes (their count sets the name's length).
    /// - Returns: A name such as `3f…a1.part`.
    package static func makeIngestName(randomBytes: some Sequence<UInt8>) -> String {
        let table = Array("0123456789abcdef")
        var name = ""
        for byte in randomBytes {
            name.append(table[Int(byte >> 4)])
            name.append(table[Int(byte & 0x0f)])
        }
        return name + ".part"
    }

    /// What a directory entry found under `objects/sha256/<shard>/` is.
    package enum Entry: Sendable, Equatable {
        /// A well-formed object file name in the right shard.
        case object(ContentDigest)
        /// Anything else: not written by the store, never served.
        case stray
    }

    /// Classifies a file name found in a shard directory.
    /// - Parameters:
    ///   - name: The entry's name.
    ///   - shard: The shard directory's name.
    /// - Returns: `.object` when the name is a digest starting with the shard's two digits, else `.stray`.
    package static func classify(name: String, inShard shard: String) -> Entry {
        guard let digest = ContentDigest(hex: name), digest.shard == shard else {
            return .stray
        }
        return .object(digest)
    }
}
