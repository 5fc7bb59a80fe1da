/// One server-sent-events frame (WHATWG HTML "server-sent events"): an event name, data and an optional id.
package struct ServerSentEvent: Sendable, Hashable {
    /// The `event:` field; `message` when the frame had none.
    package var event: String
    /// The `data:` lines joined with `\n`.
    package var data: String
    /// The `id:` field, if any.
    package var id: String?

    /// Creates a frame.
    /// - Parameters:
    ///   - event: the event name.
    ///   - data: the data (may contain newlines; each line becomes a `data:` line).
    ///   - id: the optional id.
    package init(event: String = "message", data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// The frame's text: `event:`, optional `id:`, one `data:` line per line of data, then a blank line.
    package var encoded: String {
        var text = "event: " + Self.singleLine(event) + "\n"
        if let id { text += "id: " + Self.singleLine(id) + "\n" }
        guard data.utf8.contains(UInt8(ascii: "\n")) else {
            return text + "data: " + data + "\n\n"
        }
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }

    private static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else { return text }
        return String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
