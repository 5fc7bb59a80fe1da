/// The machine-readable code of an API error (`{"error": {"code": …}}`), with the HTTP status it travels with.
package enum APIErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The request is malformed (bad JSON, missing field).
    case badRequest = "bad_request"
    /// A query parameter has a bad value (`width=abc`, unknown `state`).
    case invalidQuery = "invalid_query"
    /// No such article, asset, object or route.
    case notFound = "not_found"
    /// The route exists but not for this method.
    case methodNotAllowed = "method_not_allowed"
    /// The request body is larger than the daemon accepts.
    case payloadTooLarge = "payload_too_large"
    /// The request body's type is not one the route accepts.
    case unsupportedMediaType = "unsupported_media_type"
    /// The request conflicts with the current state (a maintenance run already in progress).
    case conflict
    /// An article given by URL could not be fetched from its origin.
    case upstreamFailed = "upstream_failed"
    /// The daemon is starting or shutting down.
    case unavailable
    /// The daemon's storage is full (cache limit reached and nothing can be evicted, or the disk is full).
    case insufficientStorage = "insufficient_storage"
    /// A bug or an unexpected I/O failure in the daemon.
    case `internal`

    /// The HTTP status a response with this code carries.
    package var httpStatus: Int {
        switch self {
        case .badRequest, .invalidQuery: 400
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .internal: 500
        case .upstreamFailed: 502
        case .unavailable: 503
        case .insufficientStorage: 507
        }
    }
}
