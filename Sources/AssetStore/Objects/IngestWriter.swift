import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Receives an object's bytes into `<cache-dir>/ingest/<random>.part`, hashing and counting them as they arrive,
/// then publishes the file under its digest.
///
/// It is the body sink of a transfer: call `write(_:)` for each chunk, then `commit(expectedLength:)` or `abort()`.
/// Threading: every call does its system calls (write, fchmod, fsync, link, unlink) on the calling thread and
/// blocks it, so call it from a thread that may block (the fetch engine's transfer thread or a dedicated queue),
/// not from the cooperative pool. Calls are serialised by a lock, so the writer may move between threads, but one
/// transfer should own it. After a failed write or commit the temporary file is already removed and the writer is
/// closed; releasing an open writer aborts it.
package final class IngestWriter: Sendable {
    private struct State {
        var descriptor: Int32
        var hasher = SHA256Hasher()
        var byteCount: Int64 = 0
        var isOpen = true
    }

    /// The temporary file's path, `<cache-dir>/ingest/<random>.part`.
    package let temporaryPath: String
    private let name: String
    private let store: ObjectStore
    private let state: Mutex<State>

    init(store: ObjectStore, name: String, descriptor: Int32) {
        self.store = store
        self.name = name
        self.temporaryPath = store.layout.ingestPath(named: name)
        self.state = Mutex(State(descriptor: descriptor))
    }

    deinit {
        abort()
    }

    /// The number of bytes written so far.
    package var byteCount: Int64 {
        state.withLock { $0.byteCount }
    }

    /// Appends bytes to the file and to the hash.
    /// - Parameter buffer: The bytes; an empty buffer does nothing.
    /// - Throws: `StoreError` with code `writerClosed`, `noSpace`, `ioError` or `fileSystem`; on a write error the
    ///   temporary file has been removed and the writer is closed.
    package func write(_ buffer: UnsafeRawBufferPointer) throws(StoreError) {
        try state.withLock { (state) throws(StoreError) in
            guard state.isOpen else {
                throw StoreError(.writerClosed, "write to a closed ingest file \(temporaryPath)")
            }
            do throws(StoreError) {
                try FileSystem.writeAll(state.descriptor, buffer, path: temporaryPath)
            } catch {
                discard(&state)
                throw error
            }
            state.hasher.update(buffer)
            state.byteCount += Int64(buffer.count)
        }
    }

    /// Appends bytes to the file and to the hash.
    /// - Parameter bytes: The bytes.
    /// - Throws: as `write(_:)` with a buffer.
    package func write(contentsOf bytes: [UInt8]) throws(StoreError) {
        var failure: StoreError?
        bytes.withUnsafeBytes { buffer in
            do throws(StoreError) {
                try write(buffer)
            } catch {
                failure = error
            }
        }
        if let failure {
            throw failure
        }
    }

    /// Checks the length, makes the file durable and publishes it at its digest's path.
    ///
    /// Steps: compare the byte count with `expectedLength`; pin the digest; when its object exists already, the
    /// same bytes are stored (dedupe) and the file is only removed. Otherwise mode 0444; fsync (durability `full`);
    /// close; `link` into `objects/sha256/<2 hex>/<digest>` (a name that appeared meanwhile is a dedupe too); remove
    /// the temporary name; fsync the shard directory (`full`, new objects only).
    /// Only a complete file that was flushed first ever gets an object name. If the directory fsync fails the
    /// complete object stays visible (a later commit or GC adopts it) and the error is thrown.
    /// - Parameter expectedLength: The length announced by the sender, or nil when none was announced.
    /// - Returns: The committed object, pinned until the caller releases `pin` (after writing its index row).
    /// - Throws: `StoreError` with code `writerClosed`, `lengthMismatch`, `noSpace`, `ioError`, `permissionDenied`
    ///   or `fileSystem`; the temporary file is removed and the writer closed whatever the outcome.
    package func commit(expectedLength: Int64?) throws(StoreError) -> CommittedObject {
        try state.withLock { (state) throws(StoreError) -> CommittedObject in
            guard state.isOpen else {
                throw StoreError(.writerClosed, "commit of a closed ingest file \(temporaryPath)")
            }
            defer { discard(&state) }
            if let expectedLength, expectedLength != state.byteCount {
                throw StoreError(
                    .lengthMismatch,
                    "received \(state.byteCount) bytes, expected \(expectedLength), in \(temporaryPath)"
                )
            }
            let digest = state.hasher.finalize()
            // Pinned before the object's path is looked at, so eviction cannot remove what we decide to keep.
            let pin = store.pins.pinWaitingForRemoval(digest)
            let objectPath = store.layout.objectPath(for: digest)
            let result: FileSystem.LinkResult
            do throws(StoreError) {
                result = try publish(&state, digest: digest, at: objectPath)
            } catch {
                pin.release()
                throw error
            }
            return CommittedObject(
                digest: digest,
                byteCount: state.byteCount,
                path: objectPath,
                isNew: result == .created,
                pin: pin
            )
        }
    }

    /// Makes the file durable and links it at `objectPath`; when the object is stored already (the same bytes came
    /// before) the file is left for `discard` without an fsync, since nothing of it will be kept.
    private func publish(
        _ state: inout State,
        digest: ContentDigest,
        at objectPath: String
    ) throws(StoreError) -> FileSystem.LinkResult {
        if try store.contains(digest) {
            return .existed
        }
        try FileSystem.changeMode(state.descriptor, 0o444, path: temporaryPath)
        if store.durability == .full {
            try FileSystem.sync(state.descriptor, path: temporaryPath)
        }
        let descriptor = state.descriptor
        state.descriptor = -1
        try FileSystem.close(descriptor, path: temporaryPath)
        let result = try store.publish(temporaryPath, at: objectPath)
        if result == .created && store.durability == .full {
            try FileSystem.syncDirectory(store.layout.shardDirectory(for: digest))
        }
        return result
    }

    /// Closes and removes the temporary file; does nothing when the writer is already closed.
    package func abort() {
        state.withLock { discard(&$0) }
    }

    /// Closes the descriptor, removes the temporary file and forgets the writer; never throws (best effort).
    private func discard(_ state: inout State) {
        guard state.isOpen else { return }
        state.isOpen = false
        if state.descriptor >= 0 {
            _ = Glibc.close(state.descriptor)
            state.descriptor = -1
        }
        _ = unlink(temporaryPath)
        store.forgetIngest(name)
    }
}

/// An object that is durable under its digest's path.
package struct CommittedObject: Sendable {
    /// The SHA-256 of the bytes.
    package var digest: ContentDigest
    /// The number of bytes.
    package var byteCount: Int64
    /// `<cache-dir>/objects/sha256/<2 hex>/<digest>`.
    package var path: String
    /// False when an object with this digest was stored already (dedupe).
    package var isNew: Bool
    /// Keeps the object from eviction until its index row is written; release it then.
    package var pin: ObjectPin
}
