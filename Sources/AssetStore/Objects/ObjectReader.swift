import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Streams an object's bytes while hashing them; at the end of the file it throws if they do not match the digest.
///
/// Holds a pin on the object until `close()` (or release), so the object is not evicted while it is read.
/// Reads block the calling thread. Calls are serialised by a lock.
package final class ObjectReader: Sendable {
    private struct State {
        var descriptor: Int32
        var hasher = SHA256Hasher()
        var byteCount: Int64 = 0
        var isVerified = false
    }

    /// The object being read.
    package let digest: ContentDigest
    /// Its path.
    package let path: String
    private let pin: ObjectPin
    private let state: Mutex<State>

    init(digest: ContentDigest, path: String, descriptor: Int32, pin: ObjectPin) {
        self.digest = digest
        self.path = path
        self.pin = pin
        self.state = Mutex(State(descriptor: descriptor))
    }

    deinit {
        close()
    }

    /// Reads the next bytes.
    /// - Parameter buffer: Where to put them.
    /// - Returns: The number of bytes read; 0 at the end, once the digest has matched.
    /// - Throws: `StoreError` with code `digestMismatch` at the end of a file whose bytes do not hash to its
    ///   digest, `ioError` or `fileSystem` when reading fails, `writerClosed` after `close()`.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(StoreError) -> Int {
        try state.withLock { (state) throws(StoreError) -> Int in
            guard state.descriptor >= 0 else {
                throw StoreError(.writerClosed, "read from a closed object \(path)")
            }
            let count = try FileSystem.readSome(state.descriptor, into: buffer, path: path)
            if count > 0 {
                state.hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                state.byteCount += Int64(count)
                return count
            }
            if !state.isVerified {
                let actual = state.hasher.finalize()
                guard actual == digest else {
                    throw StoreError(
                        .digestMismatch,
                        "object \(path) hashes to \(actual.hex) after \(state.byteCount) bytes, not to its name"
                    )
                }
                state.isVerified = true
            }
            return 0
        }
    }

    /// Reads up to `maximumCount` bytes into a new array.
    /// - Parameter maximumCount: The largest chunk wanted.
    /// - Returns: The bytes; empty at the end, once the digest has matched.
    /// - Throws: as `read(into:)`.
    package func readChunk(maximumCount: Int = 65_536) throws(StoreError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: maximumCount)
        let result = chunk.withUnsafeMutableBytes { buffer in
            Result { () throws(StoreError) -> Int in try read(into: buffer) }
        }
        chunk.removeSubrange(try result.get()...)
        return chunk
    }

    /// Reads the whole object, verifying it.
    /// - Returns: Every byte.
    /// - Throws: as `read(into:)`.
    package func readAll() throws(StoreError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try readChunk()
            if chunk.isEmpty {
                return bytes
            }
            bytes += chunk
        }
    }

    /// Closes the file and releases the pin; later calls do nothing.
    package func close() {
        state.withLock { state in
            if state.descriptor >= 0 {
                _ = Glibc.close(state.descriptor)
                state.descriptor = -1
            }
        }
        pin.release()
    }
}
