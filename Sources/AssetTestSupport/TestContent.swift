import Crypto
import Synchronization

/// Deterministic pseudo-random bodies, addressable at any offset so they can be streamed without being held.
///
/// Byte `i` of the body for `seed` is byte `i % 8` (little-endian) of the 64-bit word `mix(seed ^ (i / 8 + 1) * φ)`,
/// where `mix` is the SplitMix64 finaliser and φ is 0x9E3779B97F4A7C15. The same `(seed, offset)` always gives the
/// same byte, so a server can produce any range of a body on demand and a client can check what it received with
/// ``sha256Hex(count:seed:)`` or ``bytes(count:seed:offset:)``. Different seeds give unrelated bodies.
///
/// All members are thread-safe; ``sha256Hex(count:seed:)`` remembers the digests it computed.
package enum TestContent {
    /// The size of the pieces ``forEachChunk(count:seed:chunkSize:_:)`` hands out by default: 64 KiB.
    package static let defaultChunkSize = 64 * 1024

    private static let digestCache = Mutex<[DigestKey: String]>([:])

    private struct DigestKey: Hashable {
        let count: Int
        let seed: UInt64
    }

    /// Returns `count` bytes of the body for `seed`, starting at byte `offset` of that body.
    ///
    /// - Parameters:
    ///   - count: how many bytes to return (≥ 0).
    ///   - seed: selects the body.
    ///   - offset: the position in the body of the first returned byte (≥ 0).
    /// - Returns: the bytes; `bytes(count: a + b, seed: s)` equals `bytes(count: a, seed: s)` followed by
    ///   `bytes(count: b, seed: s, offset: a)`.
    package static func bytes(count: Int, seed: UInt64, offset: Int = 0) -> [UInt8] {
        precondition(count >= 0 && offset >= 0, "TestContent.bytes: negative count or offset")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer), seed: seed, offset: offset)
            initialized = count
        }
    }

    /// Writes the body for `seed` from byte `offset` on into the whole of `buffer`.
    ///
    /// - Parameters:
    ///   - buffer: receives `buffer.count` bytes.
    ///   - seed: selects the body.
    ///   - offset: the position in the body of `buffer[0]` (≥ 0).
    package static func fill(_ buffer: UnsafeMutableRawBufferPointer, seed: UInt64, offset: Int) {
        precondition(offset >= 0, "TestContent.fill: negative offset")
        var position = 0
        var absolute = UInt64(offset)
        let total = buffer.count
        // Leading partial word.
        while position < total, absolute & 7 != 0 {
            buffer[position] = byte(at: absolute, seed: seed)
            position += 1
            absolute += 1
        }
        // Whole words.
        var wordIndex = absolute >> 3
        while total - position >= 8 {
            buffer.storeBytes(of: word(wordIndex, seed: seed).littleEndian, toByteOffset: position, as: UInt64.self)
            position += 8
            wordIndex += 1
        }
        absolute = wordIndex << 3
        // Trailing partial word.
        while position < total {
            buffer[position] = byte(at: absolute, seed: seed)
            position += 1
            absolute += 1
        }
    }

    /// Calls `body` with successive pieces of the first `count` bytes of the body for `seed`.
    ///
    /// Only one piece (at most `chunkSize` bytes) exists at a time, so multi-gigabyte bodies can be walked.
    /// - Parameters:
    ///   - count: total number of bytes to hand out.
    ///   - seed: selects the body.
    ///   - chunkSize: the largest piece, in bytes (> 0).
    ///   - body: receives each piece in order; the buffer is only valid during the call.
    /// - Throws: whatever `body` throws; iteration stops there.
    package static func forEachChunk(
        count: Int,
        seed: UInt64,
        chunkSize: Int = defaultChunkSize,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        precondition(chunkSize > 0, "TestContent.forEachChunk: chunkSize must be positive")
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { scratch.deallocate() }
        var offset = 0
        while offset < count {
            let length = min(chunkSize, count - offset)
            let piece = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<length])
            fill(piece, seed: seed, offset: offset)
            try body(UnsafeRawBufferPointer(piece))
            offset += length
        }
    }

    /// The SHA-256 digest of the first `count` bytes of the body for `seed`, as 64 lowercase hex digits.
    ///
    /// Computed by streaming (constant memory) and remembered for later calls with the same arguments.
    /// - Parameters:
    ///   - count: the body length in bytes.
    ///   - seed: selects the body.
    /// - Returns: the digest in lowercase hex.
    package static func sha256Hex(count: Int, seed: UInt64) -> String {
        let key = DigestKey(count: count, seed: seed)
        if let known = digestCache.withLock({ $0[key] }) {
            return known
        }
        var hasher = SHA256()
        forEachChunk(count: count, seed: seed) { hasher.update(bufferPointer: $0) }
        let hex = hexString(hasher.finalize())
        digestCache.withLock { $0[key] = hex }
        return hex
    }

    /// Lowercase hex of any byte sequence (for comparing digests computed elsewhere).
    ///
    /// - Parameter bytes: the bytes to render.
    /// - Returns: two lowercase hex digits per byte.
    package static func hexString(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for value in bytes {
            out.append(digits[Int(value >> 4)])
            out.append(digits[Int(value & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func byte(at absolute: UInt64, seed: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: word(absolute >> 3, seed: seed) >> ((absolute & 7) * 8))
    }

    private static func word(_ index: UInt64, seed: UInt64) -> UInt64 {
        var z = seed ^ ((index &+ 1) &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
