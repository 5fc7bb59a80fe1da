/// The rules every fetch obeys, as a value. Pure: its checks take values and return verdicts; the engine carries
/// them out (and hands the limits to libcurl where libcurl can enforce them too).
package struct FetchPolicy: Sendable, Equatable {
    /// Schemes allowed for the first URL and after every redirect.
    package static let allowedSchemes: Set<String> = ["http", "https"]

    /// Redirects followed before failing with `tooManyRedirects`.
    package var maxRedirects: Int = 5
    /// Largest body accepted, in bytes; checked against `Content-Length` and while streaming.
    package var maxObjectBytes: Int64 = 64 << 20
    /// Limit for name resolution plus TCP and TLS connect.
    package var connectTimeout: Duration = .seconds(10)
    /// Limit for the whole transfer, connect included (queue time in the engine is not counted).
    package var timeout: Duration = .seconds(120)
    /// The transfer fails with `tooSlow` when it averages under this many bytes per second for `lowSpeedTime`;
    /// 0 disables the check.
    package var lowSpeedLimit: Int = 1024
    package var lowSpeedTime: Duration = .seconds(30)
    /// Media types accepted for a body (`image/*`, `image/png`); empty accepts anything.
    package var acceptTypes: [String] = ["image/*"]
    package var userAgent: String = "assetd/1"
    /// A proxy URL for libcurl (`http://proxy:3128`). With a proxy, libcurl connects only to the proxy, so the
    /// address policy is not applied: filtering destinations is then the proxy's job.
    package var proxy: String?
    /// A PEM bundle of trusted CA certificates, replacing the system's.
    package var caFile: String?
    /// curl's `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT` entries.
    package var connectTo: [String] = []
    /// Permits loopback, private, link-local and the other non-global ranges (never the metadata address).
    package var allowPrivateNetworks: Bool = false
    /// Addresses permitted even when private networks are not allowed (an internal mirror, a test origin).
    package var exemptAddresses: Set<IPAddress> = []

    package init() {}

    /// What to do with a response head before any of its body is kept.
    package enum HeadVerdict: Sendable, Equatable {
        /// Stream the body into the sink.
        case accept
        /// A 304 answered a conditional request: the cached copy is current.
        case notModified
        /// Fail the transfer.
        case reject(FetchError.Code, String)
    }

    /// Checks a URL before it is submitted: parseable and an allowed scheme.
    /// - Returns: nil if the URL may be fetched, else an `invalidURL` or `badScheme` error.
    package func check(url: String) -> FetchError? {
        if let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") {
            let scheme = url[..<colon].lowercased()
            if !scheme.isEmpty, !Self.allowedSchemes.contains(scheme) {
                return FetchError(.badScheme, "scheme \(scheme) is not allowed (only http and https): \(url)")
            }
        }
        guard URLOrigin(url) != nil else {
            return FetchError(.invalidURL, "cannot parse URL \(url)")
        }
        return nil
    }

    /// Judges the final response head.
    /// - Parameter isConditional: whether the request carried `If-None-Match` or `If-Modified-Since`.
    package func evaluate(head: ResponseHead, isConditional: Bool) -> HeadVerdict {
        if head.status == 304 && isConditional { return .notModified }
        guard head.isSuccess else { return .reject(.httpStatus, "HTTP status \(head.status)") }
        if let length = head.contentLength, length > maxObjectBytes {
            return .reject(.tooBig, "Content-Length \(length) exceeds the limit of \(maxObjectBytes) bytes")
        }
        guard accepts(contentType: head.contentType) else {
            return .reject(.wrongType, "Content-Type \(head.contentType ?? "(none)") is not accepted")
        }
        return .accept
    }

    /// Whether a body of `byteCount` bytes received so far is still within the limit.
    package func admits(streamedByteCount byteCount: Int64) -> Bool {
        byteCount <= maxObjectBytes
    }

    /// Whether a media type (lower case, no parameters) matches `acceptTypes`; a missing type matches only when
    /// anything is accepted.
    package func accepts(contentType: String?) -> Bool {
        if acceptTypes.isEmpty { return true }
        guard let contentType else { return false }
        return acceptTypes.contains { pattern in
            let pattern = pattern.lowercased()
            if pattern == "*/*" || pattern == contentType { return true }
            if pattern.hasSuffix("/*") { return contentType.hasPrefix(pattern.dropLast()) }
            return false
        }
    }
}
