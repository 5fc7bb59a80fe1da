import FoundationEssentials

/// One event of `GET /v1/events`: an asset transition, or the periodic status counts.
///
/// On the wire each event is a server-sent-events frame whose `event:` field is ``name`` and whose `data:` is the
/// payload's JSON on one line (``AssetTransition`` or ``StatusDocument``).
package enum ServerEvent: Sendable, Hashable {
    /// An asset changed state (`event: asset`).
    case asset(AssetTransition)
    /// The periodic counts (`event: status`).
    case status(StatusDocument)

    /// The SSE event names.
    package enum Name {
        /// `asset`.
        package static let asset = "asset"
        /// `status`.
        package static let status = "status"
    }

    /// The SSE `event:` name of this event.
    package var name: String {
        switch self {
        case .asset: Name.asset
        case .status: Name.status
        }
    }

    /// The SSE frame carrying this event.
    /// - Parameter id: the optional `id:` field (a sequence number lets clients resume).
    /// - Returns: the frame.
    /// - Throws: `EncodingError` when the payload cannot be encoded.
    package func frame(id: String? = nil) throws -> ServerSentEvent {
        switch self {
        case .asset(let transition):
            return ServerSentEvent(event: name, data: transition.jsonText, id: id)
        case .status(let status):
            return ServerSentEvent(
                event: name,
                data: String(decoding: try APIJSON.encode(status), as: UTF8.self),
                id: id
            )
        }
    }

    /// Reads an event from a received frame.
    /// - Parameter frame: a frame from ``ServerSentEventParser``.
    /// - Returns: the event, or `nil` for an event name this version does not know (newer daemons may add some).
    /// - Throws: `DecodingError` when a known event's data is not its payload.
    package static func decode(_ frame: ServerSentEvent) throws -> ServerEvent? {
        let data = Data(frame.data.utf8)
        switch frame.event {
        case Name.asset: return .asset(try APIJSON.decode(AssetTransition.self, from: data))
        case Name.status: return .status(try APIJSON.decode(StatusDocument.self, from: data))
        default: return nil
        }
    }
}
