import AssetAPI
import Hummingbird
import NIOCore

/// `GET /v1/events`: server-sent events of asset transitions and periodic status, until the daemon stops.
enum ServerEventStream {
    static func response(core: DaemonCore) async throws -> Response {
        let initial = try await core.status()
        let stream = core.events.subscribe()
        let body = ResponseBody { writer in
            var sequence = 0
            func send(_ event: ServerEvent) async throws {
                sequence += 1
                let frame = try event.frame(id: String(sequence))
                try await writer.write(ByteBuffer(string: frame.encoded))
            }
            try await send(.status(initial))
            for await event in stream {
                try await send(event)
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
