#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Word-at-a-time byte scans for the hot loops (eight bytes per step, exact, no false positives).
enum ByteSearch {
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// A word with the high bit set in exactly the bytes of `word` that are zero.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & low7) &+ low7) | word | low7)
    }

    /// How many bytes of `chunk[start..<end]` are `byte`.
    static func count(_ byte: UInt8, in chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let base = chunk.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var total = 0
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            total &+= zeroBytes(word ^ pattern).nonzeroBitCount
            index += 8
        }
        while index < end {
            total &+= base[index] == byte ? 1 : 0
            index += 1
        }
        return total
    }

    /// The index of the first `h` or `H` in `chunk[start..<end]`, or `end`.
    static func firstLetterH(in chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard start < end, let base = chunk.baseAddress else { return end }
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let found = zeroBytes((word | 0x2020_2020_2020_2020) ^ 0x6868_6868_6868_6868)
            if found != 0 {
                return index + found.trailingZeroBitCount / 8
            }
            index += 8
        }
        while index < end, base[index] | 0x20 != UInt8(ascii: "h") {
            index += 1
        }
        return index
    }

    /// The index of the first `byte` in `chunk` at or after `start`, or `chunk.count`.
    @inline(__always)
    static func first(_ byte: UInt8, in chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < chunk.count, let base = chunk.baseAddress else { return chunk.count }
        guard let found = memchr(base + start, Int32(byte), chunk.count - start) else { return chunk.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
