/// Counts lines of a byte stream lazily: newlines are counted only up to the positions asked about, and every byte
/// is counted once, so the cost stays linear however often a line number is needed.
struct LineCounter: Sendable {
    /// The 1-based line at `position` of the current chunk.
    private(set) var line = 1
    /// How far into the current chunk newlines have been counted.
    private var position = 0

    /// The 1-based line at `index` of the current chunk; indices must not decrease within a chunk.
    /// - Parameters:
    ///   - index: a position in `chunk`.
    ///   - chunk: the chunk being scanned.
    /// - Returns: the line number.
    mutating func line(at index: Int, in chunk: UnsafeBufferPointer<UInt8>) -> Int {
        if index > position {
            line += ByteSearch.count(0x0A, in: chunk, from: position, to: index)
            position = index
        }
        return line
    }

    /// Counts the rest of `chunk` and prepares for the next one.
    /// - Parameter chunk: the chunk that has just been scanned.
    mutating func finishChunk(_ chunk: UnsafeBufferPointer<UInt8>) {
        _ = line(at: chunk.count, in: chunk)
        position = 0
    }
}
