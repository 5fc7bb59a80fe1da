import AssetAPI
import Hummingbird
import NIOCore

/// `GET /v1/events`: server-sent events of asset transitions (all, or those into the states of `?to=`) and periodic
/// status, until the daemon stops.
enum ServerEventStream {
    static func response(_ request: Request, core: DaemonCore) async throws -> Response {
        let filter = try ServerEventFilter.parse(APIQueryItem.decode(request.uri.query ?? ""))
        let initial = try await core.status()
        let subscription = core.events.subscribe(filter)
        let body = ResponseBody { writer in
            defer { subscription.cancel() }
            var sequence = 0
            // Everything that arrived since the last write goes out in one write.
            func send(_ events: [ServerEvent]) async throws {
                var buffer = ByteBuffer()
                for event in events {
                    sequence += 1
                    buffer.writeString(try event.frame(id: String(sequence)).encoded)
                }
                try await writer.write(buffer)
            }
            try await send([.status(initial)])
            for await events in subscription {
                try await send(events)
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: body
        )
    }
}
