/// Everything the test origin will do to answer one request, decided before any byte is sent.
///
/// Made by ``OriginRouter`` (pure); carried out by the origin's connection handler.
package struct OriginResponsePlan: Sendable, Equatable {
    /// Where the body bytes come from.
    package enum Body: Sendable, Equatable {
        /// `count` bytes of ``TestContent`` for `seed`, generated while sending.
        case generated(count: Int, seed: UInt64)
        /// Fixed bytes (published files, error texts).
        case fixed([UInt8])

        /// The number of bytes the body has.
        package var count: Int {
            switch self {
            case .generated(let count, _): count
            case .fixed(let bytes): bytes.count
            }
        }
    }

    /// How the connection ends after this response.
    package enum Ending: Sendable, Equatable {
        /// Normal end of message; the connection stays open if the request allowed keep-alive.
        case complete
        /// Normal end of message, then the server closes the connection (`Connection: close` is sent).
        case close
        /// The server closes the connection after the bytes it sends (a truncated body when the declared length
        /// is larger than what was sent).
        case truncate
        /// After the bytes it sends, the server aborts the connection with a TCP RST (SO_LINGER 0).
        case reset
        /// The server closes the connection without sending anything at all (an empty reply).
        case emptyReply
    }

    /// The status code.
    package var status: Int
    /// Header fields in order. Does not contain `Content-Length` or `Transfer-Encoding`.
    package var headers: [HeaderField]
    /// The body source (before any truncation).
    package var body: Body
    /// The value sent as `Content-Length`, or `nil` to send the body chunked (HTTP/1.1) or close-delimited (1.0).
    package var declaredLength: Int?
    /// How many body bytes are actually sent (≤ `body.count`).
    package var sentLength: Int
    /// Wait before sending the status line and headers.
    package var headDelay: Duration
    /// Wait after the headers, before the first body byte.
    package var bodyDelay: Duration
    /// Body pacing in bytes per second, or `nil` for as fast as the client reads.
    package var trickleBytesPerSecond: Int?
    /// What happens after the sent bytes.
    package var ending: Ending

    /// A plain response: `status`, the given headers and body, framed with `Content-Length`, kept alive.
    ///
    /// - Parameters:
    ///   - status: the status code.
    ///   - headers: header fields other than framing ones.
    ///   - body: the body source.
    package init(status: Int, headers: [HeaderField], body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
        declaredLength = body.count
        sentLength = body.count
        headDelay = .zero
        bodyDelay = .zero
        trickleBytesPerSecond = nil
        ending = .complete
    }

    /// A `text/plain` response carrying `message` and a newline (used for 400, 404, 405).
    ///
    /// - Parameters:
    ///   - status: the status code.
    ///   - message: the text of the body.
    package static func text(status: Int, _ message: String) -> OriginResponsePlan {
        OriginResponsePlan(
            status: status,
            headers: [HeaderField(name: "Content-Type", value: "text/plain; charset=utf-8")],
            body: .fixed(Array((message + "\n").utf8))
        )
    }
}
