package import AssetAPI
package import AssetFetch
package import AssetStore

/// The one place where errors become the control API's status and `{"error": {"code", "message"}}` document.
///
/// Every `FetchError`, `StoreError`, `ConfigError` and `DaemonError` code is mapped by an exhaustive switch, so a new
/// code does not compile until it has a status. Pure.
package enum APIErrorMapping {
    /// The API error for any error a handler may throw.
    /// - Parameter error: The error.
    /// - Returns: The document; its `httpStatus` is the response status.
    package static func document(for error: any Error) -> APIErrorDocument {
        switch error {
        case let document as APIErrorDocument:
            return document
        case let fetch as FetchError:
            return APIErrorDocument(code: code(for: fetch), message: fetch.message)
        case let store as StoreError:
            return APIErrorDocument(code: code(for: store.code), message: store.message)
        case let config as ConfigError:
            return APIErrorDocument(code: code(for: config.code), message: config.message)
        case let daemon as DaemonError:
            return APIErrorDocument(code: code(for: daemon.code), message: daemon.message)
        case is DecodingError:
            return APIErrorDocument(code: .badRequest, message: "the request body is not the expected JSON: \(error)")
        case is CancellationError:
            return APIErrorDocument(code: .unavailable, message: "the daemon is shutting down")
        default:
            return APIErrorDocument(code: .internal, message: "\(error)")
        }
    }

    /// The API code for a fetch failure (an article the daemon was asked to fetch).
    /// - Parameter error: The fetch error.
    /// - Returns: `bad_request` for a URL the daemon will not fetch, `unsupported_media_type` for a type that is
    ///   not an article, `insufficient_storage` when the store is full, `unavailable` on shutdown, otherwise
    ///   `upstream_failed`.
    package static func code(for error: FetchError) -> APIErrorCode {
        switch error.code {
        case .invalidURL, .badScheme, .refusedAddress:
            return .badRequest
        case .wrongType:
            return .unsupportedMediaType
        case .cancelled:
            return .unavailable
        case .setupFailed:
            return .internal
        case .sinkFailed:
            if let store = error.underlying as? StoreError { return code(for: store.code) }
            return .internal
        case .dns, .connect, .tls, .timeout, .tooSlow, .tooBig, .tooManyRedirects, .httpStatus, .truncated,
            .connectionReset, .protocolError:
            return .upstreamFailed
        }
    }

    /// The API code for a store failure.
    /// - Parameter code: The store error's code.
    /// - Returns: The API code.
    package static func code(for code: StoreError.Code) -> APIErrorCode {
        switch code {
        case .invalidDigest, .lengthMismatch: .badRequest
        case .notFound: .notFound
        case .noSpace: .insufficientStorage
        case .illegalTransition: .conflict
        case .digestMismatch, .ioError, .permissionDenied, .fileSystem, .writerClosed, .database: .internal
        }
    }

    /// The API code for a configuration failure.
    /// - Parameter code: The configuration error's code.
    /// - Returns: `bad_request`: configuration only fails on values someone supplied.
    package static func code(for code: ConfigError.Code) -> APIErrorCode {
        switch code {
        case .unreadableFile, .malformedFile, .invalidConfiguration: .badRequest
        }
    }

    /// The API code for a daemon start-up failure.
    /// - Parameter code: The daemon error's code.
    /// - Returns: The API code.
    package static func code(for code: DaemonError.Code) -> APIErrorCode {
        switch code {
        case .stateDirectoryLocked: .conflict
        case .lockFailed, .notifyFailed, .directoryUnusable, .socketPathOccupied: .internal
        }
    }
}
