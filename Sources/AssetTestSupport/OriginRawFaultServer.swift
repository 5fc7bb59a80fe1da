import NIOCore
import NIOPosix
import Synchronization

/// A loopback server whose answers are not well-formed HTTP, for the faults ``TestOrigin`` cannot make (its answers
/// always go through a correct HTTP encoder).
///
/// Each connection gets one canned reply, chosen by the request path (see ``Reply``), then the server closes it.
/// Requests are counted per target (path and query as sent), so `?tag=` makes distinct URLs as on ``TestOrigin``.
///
/// Thread-safety: all members may be used from any task or thread.
package final class OriginRawFaultServer: Sendable {
    /// The canned replies, by request path.
    package enum Reply: String, CaseIterable, Sendable {
        /// `/not-http`: a line of text and no status line at all (what libcurl takes for an HTTP/0.9 answer).
        case notHTTP = "/not-http"
        /// `/bad-status-line`: `HTTP/1.1 abc OK` (the status is not a number).
        case badStatusLine = "/bad-status-line"
        /// `/bad-header-line`: a 200 whose header block has a line without a colon.
        case badHeaderLine = "/bad-header-line"
        /// `/bad-chunk`: a 200 with `Transfer-Encoding: chunked` whose first chunk size is not hexadecimal.
        case badChunk = "/bad-chunk"

        /// The bytes sent before the connection is closed.
        package var bytes: [UInt8] {
            switch self {
            case .notHTTP:
                Array("this is not an HTTP response\r\n\r\n".utf8)
            case .badStatusLine:
                Array("HTTP/1.1 abc OK\r\nContent-Type: image/jpeg\r\nContent-Length: 3\r\n\r\nabc".utf8)
            case .badHeaderLine:
                Array("HTTP/1.1 200 OK\r\nContent-Type image/jpeg\r\nContent-Length: 3\r\n\r\nabc".utf8)
            case .badChunk:
                Array(
                    "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"
                        .utf8
                )
            }
        }
    }

    /// The TCP port it listens on.
    package let port: Int
    /// `http://127.0.0.1:PORT`.
    package let baseURL: String

    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let recorder: RawRequestRecorder
    private let isShutDown = Mutex(false)

    private init(channel: any Channel, group: MultiThreadedEventLoopGroup, recorder: RawRequestRecorder) {
        self.channel = channel
        self.group = group
        self.recorder = recorder
        port = channel.localAddress?.port ?? 0
        baseURL = "http://127.0.0.1:\(port)"
    }

    /// Starts a server on 127.0.0.1 at an ephemeral port.
    ///
    /// - Returns: the running server.
    /// - Throws: `TestSupportError` with code `.bindFailed` when the port cannot be bound.
    package static func start() async throws -> OriginRawFaultServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let recorder = RawRequestRecorder()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(RawFaultHandler(recorder: recorder))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
            return OriginRawFaultServer(channel: channel, group: group, recorder: recorder)
        } catch {
            try? await group.shutdownGracefully()
            throw TestSupportError(.bindFailed, "raw fault server could not listen on 127.0.0.1", underlying: error)
        }
    }

    /// The URL of a reply, made distinct by `tag`.
    ///
    /// - Parameters:
    ///   - reply: the canned reply.
    ///   - tag: any text of unreserved characters; each distinct tag is counted on its own.
    /// - Returns: the absolute URL.
    package func url(_ reply: Reply, tag: String) -> String {
        baseURL + reply.rawValue + "?tag=" + tag
    }

    /// How many requests with exactly this target (`/path?query`, or a full URL of this server) arrived.
    ///
    /// - Parameter target: the request target or URL.
    package func attempts(for target: String) -> Int {
        let key = target.hasPrefix(baseURL) ? String(target.dropFirst(baseURL.count)) : target
        return recorder.count(for: key)
    }

    /// Stops listening and ends the event-loop thread; calling it twice is harmless.
    ///
    /// - Throws: only if closing the listening socket fails unexpectedly.
    package func shutdown() async throws {
        let isFirst = isShutDown.withLock { done in
            defer { done = true }
            return !done
        }
        guard isFirst else {
            return
        }
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {
            // Closed by an error already.
        }
        try await group.shutdownGracefully()
    }
}

/// Counts requests per target for ``OriginRawFaultServer``; shared by its connections.
private final class RawRequestRecorder: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ target: String) {
        counts.withLock { $0[target, default: 0] += 1 }
    }

    func count(for target: String) -> Int {
        counts.withLock { $0[target, default: 0] }
    }
}

/// Reads a request head, answers with the reply its path names, and closes. Event-loop confined.
private final class RawFaultHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let recorder: RawRequestRecorder
    private var received: [UInt8] = []
    private var hasAnswered = false

    init(recorder: RawRequestRecorder) {
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard !hasAnswered, received.firstRange(of: Array("\r\n\r\n".utf8)) != nil else {
            return
        }
        hasAnswered = true
        let requestLine = received.prefix { $0 != UInt8(ascii: "\r") }.split(separator: UInt8(ascii: " "))
        let target = requestLine.count > 1 ? String(decoding: requestLine[1], as: UTF8.self) : "/"
        recorder.record(target)
        let path = String(target.prefix { $0 != "?" })
        let bytes =
            OriginRawFaultServer.Reply(rawValue: path)?.bytes
            ?? Array("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        let reply = context.channel.allocator.buffer(bytes: bytes)
        context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
