/// A response from the control socket whose body is read as it arrives (server-sent events, progress).
///
/// Iterate it for raw chunks, or use `lines` for text lines. Dropping every copy of the stream, or cancelling
/// the task that iterates it, aborts the transfer.
package struct UnixSocketStream: AsyncSequence, Sendable {
    package typealias Element = [UInt8]

    /// The status and headers, available before any body byte.
    package let head: ResponseHead
    /// Every header line as received (`Name: value`).
    package let headerLines: [String]
    private let owner: Owner

    /// Cancels the transfer when the last copy of the stream goes away.
    final class Owner: Sendable {
        let channel: ChunkChannel

        init(channel: ChunkChannel) {
            self.channel = channel
        }

        deinit {
            channel.cancel()
        }
    }

    init(head: ResponseHead, headerLines: [String], channel: ChunkChannel) {
        self.head = head
        self.headerLines = headerLines
        owner = Owner(channel: channel)
    }

    package struct AsyncIterator: AsyncIteratorProtocol {
        let owner: Owner

        /// - Throws: `FetchError` when the transfer fails or is cancelled.
        package mutating func next() async throws -> [UInt8]? {
            try await owner.channel.next()
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(owner: owner)
    }

    /// The body as text lines (LF or CRLF ends a line); an unterminated last line is delivered at the end.
    package var lines: Lines { Lines(stream: self) }

    /// The lines of a `UnixSocketStream`.
    package struct Lines: AsyncSequence, Sendable {
        package typealias Element = String
        let stream: UnixSocketStream

        package struct AsyncIterator: AsyncIteratorProtocol {
            var chunks: UnixSocketStream.AsyncIterator
            var splitter = LineSplitter()
            var ready: [String] = []
            var isDone = false

            /// - Throws: `FetchError` when the transfer fails or is cancelled.
            package mutating func next() async throws -> String? {
                while ready.isEmpty {
                    if isDone { return nil }
                    if let chunk = try await chunks.next() {
                        ready = splitter.append(chunk)
                    } else {
                        isDone = true
                        if let rest = splitter.finish() { ready = [rest] }
                    }
                }
                return ready.removeFirst()
            }
        }

        package func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(chunks: stream.makeAsyncIterator())
        }
    }
}
