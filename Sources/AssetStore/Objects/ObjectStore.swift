package import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The content-addressed files under the cache directory: ingest, commit, read, verify, sweep and remove.
///
/// It knows nothing of the index; `Store` joins the two. Thread-safe: shared state (live ingest files, pins) sits
/// behind locks, and every method does its blocking system calls on the calling thread.
package final class ObjectStore: Sendable {
    /// Where the files are.
    package let layout: ObjectLayout
    /// Whether commits fsync.
    package let durability: Durability
    let pins = PinRegistry()
    private let liveIngest = Mutex<Set<String>>([])
    private let logger: Logger

    /// Opens (creating when needed) the directories under `cacheDirectory` and sweeps `ingest/`.
    ///
    /// Every file in `ingest/` is left over from an earlier process, so all are removed. Logs once, at warning
    /// level, when durability is `relaxed`.
    /// - Parameters:
    ///   - cacheDirectory: The cache directory; its parent must exist.
    ///   - durability: `full` to fsync every commit, `relaxed` to skip fsync.
    ///   - logger: For the relaxed-durability warning and sweeps.
    /// - Throws: `StoreError` when a directory cannot be created or read.
    package init(cacheDirectory: String, durability: Durability, logger: Logger) throws(StoreError) {
        self.layout = ObjectLayout(cacheDirectory: cacheDirectory)
        self.durability = durability
        self.logger = logger
        try FileSystem.makeDirectory(layout.cacheDirectory)
        try FileSystem.makeDirectory("\(layout.cacheDirectory)/objects")
        var createdShard = try FileSystem.makeDirectory(layout.objectsDirectory)
        for shard in ObjectLayout.shardNames {
            createdShard = try FileSystem.makeDirectory("\(layout.objectsDirectory)/\(shard)") || createdShard
        }
        try FileSystem.makeDirectory(layout.ingestDirectory, mode: 0o700)
        try FileSystem.makeDirectory(layout.quarantineDirectory, mode: 0o700)
        if createdShard && durability == .full {
            try FileSystem.syncDirectory(layout.objectsDirectory)
            try FileSystem.syncDirectory("\(layout.cacheDirectory)/objects")
            try FileSystem.syncDirectory(layout.cacheDirectory)
        }
        if durability == .relaxed {
            logger.warning(
                "durability is relaxed: commits skip fsync, a power loss may lose or truncate recent objects",
                metadata: ["store.cache_dir": "\(layout.cacheDirectory)"]
            )
        }
        let swept = try sweepIngest()
        if !swept.isEmpty {
            logger.info("swept stale ingest files", metadata: ["store.swept": "\(swept.count)"])
        }
    }

    /// Creates a new ingest file and returns its writer.
    /// - Returns: A writer on `<cache-dir>/ingest/<random>.part`, opened with `O_EXCL` and mode 0600.
    /// - Throws: `StoreError` (`noSpace`, `permissionDenied`, `fileSystem`) when the file cannot be created.
    package func makeWriter() throws(StoreError) -> IngestWriter {
        var generator = SystemRandomNumberGenerator()
        while true {
            // Two 64-bit draws (two getrandom calls) rather than sixteen byte-sized ones.
            let words = [generator.next(), generator.next()]
            let name = ObjectLayout.makeIngestName(
                randomBytes: words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
            )
            let isNewName = liveIngest.withLock { $0.insert(name).inserted }
            guard isNewName else { continue }
            let path = layout.ingestPath(named: name)
            do {
                if let descriptor = try FileSystem.createExclusive(path, mode: 0o600) {
                    return IngestWriter(store: self, name: name, descriptor: descriptor)
                }
            } catch {
                forgetIngest(name)
                throw error
            }
            forgetIngest(name)
        }
    }

    func forgetIngest(_ name: String) {
        _ = liveIngest.withLock { $0.remove(name) }
    }

    /// Gives the complete ingest file its object name without replacing an existing object.
    func publish(_ temporaryPath: String, at objectPath: String) throws(StoreError) -> FileSystem.LinkResult {
        do {
            return try FileSystem.linkNoReplace(temporaryPath, objectPath)
        } catch  where error.errno == EPERM || error.errno == EOPNOTSUPP {
            // File systems without hard links: the digest pin excludes removal, so check-then-rename is safe.
            if try FileSystem.status(objectPath) != nil {
                return .existed
            }
            try FileSystem.move(temporaryPath, to: objectPath)
            return .created
        }
    }

    /// The path of a digest's object, whether or not it is stored.
    /// - Parameter digest: The digest.
    /// - Returns: `<cache-dir>/objects/sha256/<2 hex>/<digest>`.
    package func path(for digest: ContentDigest) -> String {
        layout.objectPath(for: digest)
    }

    /// Whether the object's file exists.
    /// - Parameter digest: The digest.
    /// - Returns: True when a regular file is at the digest's path.
    /// - Throws: `StoreError` when the path cannot be examined.
    package func contains(_ digest: ContentDigest) throws(StoreError) -> Bool {
        try FileSystem.status(path(for: digest))?.isRegularFile ?? false
    }

    /// Opens an object for reading; the reader checks the digest as bytes stream out and throws at the end.
    /// - Parameter digest: The object to open.
    /// - Returns: A reader holding a pin on the object until it is closed.
    /// - Throws: `StoreError` with code `notFound` when no object has this digest, or another code when the open
    ///   fails.
    package func openVerifying(_ digest: ContentDigest) throws(StoreError) -> ObjectReader {
        let path = path(for: digest)
        guard let pin = pins.pinUnlessRemoving(digest) else {
            throw StoreError(.notFound, "object \(digest) at \(path) is being removed")
        }
        do {
            let descriptor = try FileSystem.openForReading(path)
            return ObjectReader(digest: digest, path: path, descriptor: descriptor, pin: pin)
        } catch {
            pin.release()
            if error.code == .notFound {
                throw StoreError(.notFound, "no object \(digest) at \(path)", errno: error.errno)
            }
            throw error
        }
    }

    /// Takes a pin on an object so that it is not removed until the pin is released.
    /// - Parameter digest: The object.
    /// - Returns: The pin, or nil when the object is being removed right now.
    package func pin(_ digest: ContentDigest) -> ObjectPin? {
        pins.pinUnlessRemoving(digest)
    }

    /// The digests pinned right now.
    package var pinnedDigests: Set<ContentDigest> {
        pins.pinned
    }

    /// Removes an object unless it is pinned; `beforeRemoval` (the index update) runs first.
    ///
    /// The digest is reserved meanwhile: readers cannot pin it and committers of the same bytes wait. Doing the
    /// index update first means a crash in between leaves an orphan file (adopted by GC), never an index row
    /// naming a missing file.
    /// - Parameters:
    ///   - digest: The object to remove.
    ///   - beforeRemoval: Runs only when the object is not pinned; a throw leaves the file in place.
    /// - Returns: False when the object is pinned (or being removed by another call) and nothing happened.
    /// - Throws: What `beforeRemoval` throws, or `StoreError` from `unlink`.
    package func removeUnlessPinned(
        _ digest: ContentDigest,
        beforeRemoval: () async throws(StoreError) -> Void = {}
    ) async throws(StoreError) -> Bool {
        guard pins.reserveForRemoval(digest) else {
            return false
        }
        defer { pins.endRemoval(digest) }
        try await beforeRemoval()
        try FileSystem.removeFile(path(for: digest))
        return true
    }

    /// Removes every file in `ingest/` that no live writer of this process owns.
    /// - Returns: The names removed.
    /// - Throws: `StoreError` when the directory cannot be read or a file cannot be removed.
    @discardableResult
    package func sweepIngest() throws(StoreError) -> [String] {
        let names = try FileSystem.listDirectory(layout.ingestDirectory) ?? []
        var removed: [String] = []
        for name in names {
            let isLive = liveIngest.withLock { $0.contains(name) }
            if !isLive {
                try FileSystem.removeFile(layout.ingestPath(named: name))
                removed.append(name)
            }
        }
        return removed
    }

    /// The names of the files in `ingest/` right now.
    /// - Throws: `StoreError` when the directory cannot be read.
    package func ingestFileNames() throws(StoreError) -> [String] {
        try FileSystem.listDirectory(layout.ingestDirectory) ?? []
    }

    /// Lists the object files and the stray entries in the shard directories (no hashing).
    /// - Returns: Each object's digest, size and modification time, sorted by digest, and the paths of entries
    ///   that are not objects.
    /// - Throws: `StoreError` when a directory cannot be read.
    package func listObjects() throws(StoreError) -> ObjectListing {
        var listing = ObjectListing()
        for shard in ObjectLayout.shardNames {
            let part = try listObjects(inShard: shard)
            listing.objects += part.objects
            listing.strays += part.strays
        }
        return listing
    }

    /// Lists the object files and stray entries of one shard directory (no hashing).
    /// - Parameter shard: Two lowercase hex digits.
    /// - Returns: The shard's objects sorted by digest, and its strays.
    /// - Throws: `StoreError` when the directory cannot be read.
    package func listObjects(inShard shard: String) throws(StoreError) -> ObjectListing {
        var listing = ObjectListing()
        let directory = "\(layout.objectsDirectory)/\(shard)"
        for name in try FileSystem.listDirectory(directory) ?? [] {
            let path = "\(directory)/\(name)"
            guard case .object(let digest) = ObjectLayout.classify(name: name, inShard: shard),
                let status = try FileSystem.status(path), status.isRegularFile
            else {
                listing.strays.append(path)
                continue
            }
            listing.objects.append(
                StoredObject(digest: digest, byteCount: status.byteCount, modified: status.modified)
            )
        }
        listing.objects.sort { $0.digest < $1.digest }
        return listing
    }

    /// Hashes a file with a fixed 64 KiB buffer.
    /// - Parameters:
    ///   - path: The file.
    ///   - onBytes: Called after each chunk with its size, for progress.
    /// - Returns: The digest and the byte count.
    /// - Throws: `StoreError` when the file cannot be opened or read.
    package static func hashFile(
        at path: String,
        onBytes: (Int) -> Void = { _ in }
    ) throws(StoreError) -> (digest: ContentDigest, byteCount: Int64) {
        let descriptor = try FileSystem.openForReading(path)
        defer { _ = Glibc.close(descriptor) }
        var hasher = SHA256Hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = try FileSystem.readSome(descriptor, into: buffer, path: path)
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            total += Int64(count)
            onBytes(count)
        }
        return (hasher.finalize(), total)
    }
}

/// What `listObjects` found.
package struct ObjectListing: Sendable, Equatable {
    /// Well-formed object files, sorted by digest.
    package var objects: [StoredObject] = []
    /// Paths of entries in shard directories that are not object files.
    package var strays: [String] = []
}

/// An object file seen on disk.
package struct StoredObject: Sendable, Equatable {
    /// The digest its name claims (not checked by listing).
    package var digest: ContentDigest
    /// Its size in bytes.
    package var byteCount: Int64
    /// Its modification time, seconds since 1970.
    package var modified: Int64
}
