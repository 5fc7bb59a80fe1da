/// A `Retry-After` header value: either a delay in seconds or an absolute HTTP-date.
package enum RetryAfter: Sendable, Equatable {
    /// `Retry-After: 120`.
    case delay(seconds: Int64)
    /// `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as seconds since the Unix epoch.
    case date(secondsSinceEpoch: Int64)

    /// Parses a header value; returns nil for anything that is neither delta-seconds nor an HTTP-date.
    package init?(headerValue: String) {
        let value = headerValue.trimmingHTTPWhitespace()
        if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int64(value) else { return nil }
            self = .delay(seconds: seconds)
        } else if let epoch = HTTPDate.secondsSinceEpoch(value) {
            self = .date(secondsSinceEpoch: epoch)
        } else {
            return nil
        }
    }

    /// The wait this value asks for, measured from `now`; never negative.
    /// - Parameter now: the current time in seconds since the Unix epoch.
    package func wait(now: Int64) -> Duration {
        switch self {
        case .delay(let seconds): .seconds(max(0, seconds))
        case .date(let epoch): .seconds(max(0, epoch - now))
        }
    }
}
