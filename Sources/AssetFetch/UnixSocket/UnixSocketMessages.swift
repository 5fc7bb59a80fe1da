/// An HTTP request for the daemon's control socket.
package struct UnixSocketRequest: Sendable, Equatable {
    /// `GET`, `POST`, `HEAD`, `DELETE`, …
    package var method: String
    /// The request target, starting with `/` (`/v1/assets?state=failed`).
    package var target: String
    /// Extra header lines as `Name: value`.
    package var headers: [String]
    /// The request body, sent with a `Content-Length`; nil sends none.
    package var body: [UInt8]?
    /// A body streamed from a file descriptor instead of `body` (which must then be nil).
    package var upload: UnixSocketUpload?
    /// Limit for the whole exchange; nil for none (event streams).
    package var timeout: Duration?

    package init(
        method: String = "GET",
        target: String,
        headers: [String] = [],
        body: [UInt8]? = nil,
        upload: UnixSocketUpload? = nil,
        timeout: Duration? = .seconds(60)
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.upload = upload
        self.timeout = timeout
    }
}

/// A complete response from the control socket. Any status is a response, not an error.
package struct UnixSocketResponse: Sendable, Equatable {
    /// Status, `Content-Type`, `Content-Length` and the other fields the engine parses.
    package var head: ResponseHead
    /// Every header line of the response as received (`Name: value`), without CRLF.
    package var headerLines: [String]
    package var body: [UInt8]

    package init(head: ResponseHead, headerLines: [String], body: [UInt8]) {
        self.head = head
        self.headerLines = headerLines
        self.body = body
    }

    /// The value of the first header called `name` (case-insensitive), or nil.
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":"), line[..<colon].lowercased() == lowered else { continue }
            return String(line[line.index(after: colon)...]).trimmingHTTPWhitespace()
        }
        return nil
    }
}
