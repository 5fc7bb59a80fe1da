/// Incremental reader of a server-sent-events stream: feed bytes as they arrive, collect complete frames.
///
/// Follows the WHATWG event-stream interpretation: lines end at LF, CR or CRLF; `:` starts a comment; one space after
/// the field's colon is dropped; a blank line dispatches the frame; a frame without data is not dispatched.
package struct ServerSentEventParser: Sendable {
    private var pendingLine: [UInt8] = []
    private var lastWasCR = false
    private var event: String?
    private var dataLines: [String] = []
    private var lastID: String?

    /// Creates a parser at the start of a stream.
    package init() {}

    /// Consumes bytes and returns the frames they complete, in order.
    /// - Parameter bytes: the next chunk of the stream (may split lines and frames anywhere).
    /// - Returns: the frames completed by this chunk.
    package mutating func consume(_ bytes: some Sequence<UInt8>) -> [ServerSentEvent] {
        var frames: [ServerSentEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") && lastWasCR {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let frame = processLine(String(decoding: pendingLine, as: UTF8.self)) {
                    frames.append(frame)
                }
                pendingLine.removeAll(keepingCapacity: true)
            } else {
                pendingLine.append(byte)
            }
        }
        return frames
    }

    private mutating func processLine(_ line: String) -> ServerSentEvent? {
        if line.isEmpty {
            defer {
                event = nil
                dataLines = []
            }
            guard !dataLines.isEmpty else { return nil }
            return ServerSentEvent(event: event ?? "message", data: dataLines.joined(separator: "\n"), id: lastID)
        }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = line[...]
            value = ""
        }
        switch field {
        case "event": event = String(value)
        case "data": dataLines.append(String(value))
        case "id": lastID = String(value)
        default: break
        }
        return nil
    }
}
