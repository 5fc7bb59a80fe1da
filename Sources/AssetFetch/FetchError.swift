/// Why a fetch failed: one code per failure class, a message naming the URL, and the HTTP details if any.
package struct FetchError: Error, Sendable, CustomStringConvertible {
    /// The failure classes. Exhaustive within the package: a new code must be mapped by every switch over it.
    package enum Code: String, Sendable, CaseIterable {
        /// The host name (or the proxy's) could not be resolved.
        case dns
        /// No connection could be established (refused, unreachable, connect timeout excluded).
        case connect
        /// TLS handshake or certificate verification failed.
        case tls
        /// The connect timeout or the total timeout expired.
        case timeout
        /// The transfer stayed below the low-speed limit for the low-speed time.
        case tooSlow
        /// The body is larger than the policy's maximum, by `Content-Length` or while streaming.
        case tooBig
        /// Every address of the host is in a range the address policy refuses (loopback, private, …).
        case refusedAddress
        /// The URL, or a redirect target, uses a scheme other than http or https.
        case badScheme
        /// The URL could not be parsed.
        case invalidURL
        /// More redirects than the policy allows.
        case tooManyRedirects
        /// The final response has a status other than 2xx (or 304 for a conditional request).
        case httpStatus
        /// The response's `Content-Type` is not among the accepted types.
        case wrongType
        /// The connection ended before the announced `Content-Length` arrived.
        case truncated
        /// The connection was reset or closed while sending or receiving.
        case connectionReset
        /// The server's response could not be understood (bad status line, HTTP/2 framing error).
        case protocolError
        /// The caller's task was cancelled, or the engine shut down.
        case cancelled
        /// The body sink threw; `underlying` holds its error.
        case sinkFailed
        /// libcurl refused an option or handle; a bug or a bad configuration value.
        case setupFailed
    }

    package var code: Code
    /// Human-readable, names the URL.
    package var message: String
    package var underlying: (any Error)?
    /// The final HTTP status, when a response head was received.
    package var httpStatus: Int?
    /// The `Retry-After` of the final response, if it had one.
    package var retryAfter: RetryAfter?
    /// The libcurl result code, when libcurl reported the failure.
    package var curlCode: Int?
    /// The last `errno` of the socket layer (CURLINFO_OS_ERRNO), when libcurl recorded one.
    package var osErrno: Int32?

    package init(
        _ code: Code,
        _ message: String,
        underlying: (any Error)? = nil,
        httpStatus: Int? = nil,
        retryAfter: RetryAfter? = nil,
        curlCode: Int? = nil,
        osErrno: Int32? = nil
    ) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.curlCode = curlCode
        self.osErrno = osErrno
    }

    package var description: String { "\(code.rawValue): \(message)" }
}
