import Glibc
import NIOCore
import NIOHTTP1

/// Serves one HTTP/1.1 connection of the test origin: records each request, asks ``OriginRouter`` for a plan and
/// carries it out (delays, pacing, truncation, resets) without ever holding a generated body in memory.
///
/// Event-loop confined, like every NIO handler. Requests on a keep-alive connection are answered in order; NIO's
/// pipelining handler holds later requests back until the current response has ended.
final class OriginConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest write of generated body bytes.
    private static let chunkSize = 64 * 1024
    /// The most body bytes one connection writes before letting other work on its event loop run.
    private static let turnBudget = 256 * 1024

    private struct Response {
        var plan: OriginResponsePlan
        var isHeadRequest: Bool
        var keepsAlive: Bool
        var sent = 0
        var waitsForWritability = false
        var trickleStart: NIODeadline?
    }

    private let ledger: OriginLedger
    private let connectionID: Int
    private var requestHead: HTTPRequestHead?
    private var response: Response?
    private var pendingTimer: Scheduled<Void>?
    /// The most recent write of the current response (writes complete in order).
    private var lastWrite: EventLoopFuture<Void>?

    init(ledger: OriginLedger, connectionID: Int) {
        self.ledger = ledger
        self.connectionID = connectionID
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            requestHead = head
        case .body:
            break
        case .end:
            guard let head = requestHead else {
                return
            }
            requestHead = nil
            start(head, context: context)
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, response?.waitsForWritability == true {
            response?.waitsForWritability = false
            // Queued, not called: this event can fire inside pumpBody's own flush.
            context.eventLoop.assumeIsolated().execute {
                self.pumpBody(context: context)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        pendingTimer?.cancel()
        pendingTimer = nil
        response = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Clients of a fault-injecting origin vanish mid-response all the time; just drop the connection.
        context.close(promise: nil)
    }

    // MARK: Carrying out a plan

    private func start(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let headers = head.headers.map { HeaderField(name: $0.name, value: $0.value) }
        let attempt = ledger.record(
            method: head.method.rawValue,
            target: head.uri,
            version: "\(head.version.major).\(head.version.minor)",
            headers: headers,
            connectionID: connectionID
        )
        let target = OriginTarget(head.uri)
        let plan = OriginRouter.plan(
            method: head.method.rawValue,
            target: target,
            headers: headers,
            attempt: attempt,
            published: ledger.published(at: target.path)
        )
        response = Response(
            plan: plan,
            isHeadRequest: head.method == .HEAD,
            keepsAlive: head.isKeepAlive && plan.ending == OriginResponsePlan.Ending.complete
                && (plan.declaredLength != nil || head.version != .http1_0)
        )
        after(plan.headDelay, context: context) { handler, context in
            handler.sendHead(version: head.version, context: context)
        }
    }

    private func sendHead(version: HTTPVersion, context: ChannelHandlerContext) {
        guard let response else {
            return
        }
        let plan = response.plan
        if plan.ending == .emptyReply {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(plan.headers.map { ($0.name, $0.value) })
        let hasNoBody = plan.status == 204 || plan.status == 304
        // Without a length NIO's encoder frames the body: chunked for HTTP/1.1, delimited by close for 1.0.
        if !hasNoBody, let length = plan.declaredLength {
            headers.add(name: "Content-Length", value: String(length))
        }
        if !response.keepsAlive {
            headers.add(name: "Connection", value: "close")
        }
        let status = HTTPResponseStatus(statusCode: plan.status)
        let head = HTTPResponseHead(version: version, status: status, headers: headers)
        lastWrite = context.writeAndFlush(wrapOutboundOut(.head(head)))
        if response.isHeadRequest || hasNoBody || plan.sentLength == 0 {
            finish(context: context)
            return
        }
        after(plan.bodyDelay, context: context) { handler, context in
            if handler.response?.plan.trickleBytesPerSecond != nil {
                handler.trickle(context: context)
            } else {
                handler.pumpBody(context: context)
            }
        }
    }

    /// Writes body chunks while the channel is writable, at most `turnBudget` bytes per event-loop turn so that
    /// one fast reader of a huge body cannot starve the other connections on this loop. Resumes from
    /// `channelWritabilityChanged` or from a task queued on the loop, never by recursion.
    private func pumpBody(context: ChannelHandlerContext) {
        var budget = Self.turnBudget
        while let current = response, current.sent < current.plan.sentLength {
            guard context.channel.isWritable else {
                response?.waitsForWritability = true
                context.flush()
                return
            }
            guard budget > 0 else {
                context.flush()
                context.eventLoop.assumeIsolated().execute {
                    self.pumpBody(context: context)
                }
                return
            }
            let count = min(Self.chunkSize, current.plan.sentLength - current.sent)
            writeBody(count: count, context: context)
            budget -= count
        }
        context.flush()
        finish(context: context)
    }

    /// Sends the body at the plan's pace: every tick (max(50, 1000/rate) ms) it sends what is due since the body
    /// started (one slice at once, then `rate` bytes per second of elapsed time), so late timer ticks on a busy
    /// machine are caught up instead of slowing the average rate down.
    private func trickle(context: ChannelHandlerContext) {
        guard let current = response, let rate = current.plan.trickleBytesPerSecond else {
            return
        }
        let now = NIODeadline.now()
        let started = current.trickleStart ?? now
        response?.trickleStart = started
        let tickMilliseconds = max(50, 1000 / rate)
        let slice = max(1, rate * tickMilliseconds / 1000)
        let elapsedNanoseconds = Double((now - started).nanoseconds)
        let due = slice + Int(Double(rate) * elapsedNanoseconds / 1e9)
        let count = min(due - current.sent, current.plan.sentLength - current.sent, Self.chunkSize)
        writeBody(count: count, context: context)
        context.flush()
        guard let updated = response, updated.sent < updated.plan.sentLength else {
            finish(context: context)
            return
        }
        after(.milliseconds(tickMilliseconds), context: context) { handler, context in
            handler.trickle(context: context)
        }
    }

    private func writeBody(count: Int, context: ChannelHandlerContext) {
        guard let current = response, count > 0 else {
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: count)
        switch current.plan.body {
        case .generated(_, let seed):
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { pointer in
                TestContent.fill(
                    UnsafeMutableRawBufferPointer(rebasing: pointer[0..<count]),
                    seed: seed,
                    offset: current.sent
                )
                return count
            }
        case .fixed(let bytes):
            buffer.writeBytes(bytes[current.sent..<(current.sent + count)])
        }
        response?.sent += count
        lastWrite = context.write(wrapOutboundOut(.body(.byteBuffer(buffer))))
    }

    private func finish(context: ChannelHandlerContext) {
        guard let current = response else {
            return
        }
        response = nil
        let written = lastWrite ?? context.eventLoop.makeSucceededVoidFuture()
        lastWrite = nil
        switch current.plan.ending {
        case .complete, .close:
            let ended = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !current.keepsAlive {
                ended.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        case .truncate, .emptyReply:
            // Close only once the bytes that are meant to arrive have reached the socket.
            context.flush()
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .reset:
            // Make close() send RST instead of FIN, once everything written so far has reached the socket.
            context.flush()
            written.assumeIsolated().whenComplete { _ in
                guard let options = context.channel as? any SocketOptionProvider else {
                    context.close(promise: nil)
                    return
                }
                options.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }
    }

    /// Runs `step` after `delay` on this event loop (at once when `delay` is zero), unless the connection closes.
    private func after(
        _ delay: Duration,
        context: ChannelHandlerContext,
        _ step: @escaping (OriginConnectionHandler, ChannelHandlerContext) -> Void
    ) {
        guard delay > .zero else {
            step(self, context)
            return
        }
        let components = delay.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        pendingTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) {
            self.pendingTimer = nil
            step(self, context)
        }
    }
}
