/// Splits a byte stream into lines as chunks arrive. A line ends at LF; a CR before the LF is dropped. Pure.
package struct LineSplitter: Sendable {
    private var pending: [UInt8] = []

    package init() {}

    /// Adds a chunk and returns the lines it completed, in order, without their line ends.
    package mutating func append(_ chunk: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in chunk {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                lines.append(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// The unterminated rest at the end of the stream, if any.
    package mutating func finish() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
