/// Builds a `ResponseHead` from header lines as libcurl delivers them, one line at a time.
///
/// A status line starts a new head, so after a followed redirect or a `100 Continue` the parser describes the latest
/// response. Lines may carry their CRLF. Pure: no I/O.
package struct ResponseHeadParser: Sendable {
    /// The head as parsed so far.
    package private(set) var head = ResponseHead()
    /// Whether the blank line that ends the current head has been seen.
    package private(set) var isComplete = false

    package init() {}

    /// Consumes one header line (status line, header field or the blank line ending the head).
    package mutating func consume(line bytes: some Collection<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingHTTPWhitespace()
        if line.hasPrefix("HTTP/") {
            head = ResponseHead(status: Self.status(ofStatusLine: line) ?? 0)
            isComplete = false
            return
        }
        if line.isEmpty {
            isComplete = true
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].lowercased()
        let value = String(line[line.index(after: colon)...]).trimmingHTTPWhitespace()
        switch name {
        case "content-type":
            let mediaType = value.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let trimmed = mediaType.trimmingHTTPWhitespace().lowercased()
            head.contentType = trimmed.isEmpty ? nil : trimmed
        case "content-length":
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                head.contentLength = Int64(value)
            }
        case "etag": head.etag = value
        case "last-modified": head.lastModified = value
        case "retry-after": head.retryAfter = RetryAfter(headerValue: value)
        case "location": head.location = value
        default: break
        }
    }

    /// The status code of a status line such as `HTTP/1.1 200 OK` or `HTTP/2 404`.
    package static func status(ofStatusLine line: String) -> Int? {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[1].count == 3, let status = Int(parts[1]), (100...999).contains(status) else {
            return nil
        }
        return status
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF.
    package func trimmingHTTPWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
