import Glibc

/// One `KEY=VALUE` line of the sd_notify protocol (systemd 252: no `Type=notify-reload`, but `RELOADING=1` with
/// `MONOTONIC_USEC=` is still sent so that newer managers and `systemctl reload` waiters see it).
package enum NotifyMessage: Sendable, Hashable {
    /// `READY=1`: start-up finished (the index is open and the socket listens).
    case ready
    /// `STATUS=…`: a one-line status shown by `systemctl status`; newlines become spaces.
    case status(String)
    /// `WATCHDOG=1`: the keep-alive ping.
    case watchdog
    /// `STOPPING=1`: graceful shutdown began.
    case stopping
    /// `RELOADING=1` with `MONOTONIC_USEC=` (CLOCK_MONOTONIC in µs): a reload began; send ``ready`` when done.
    case reloading(monotonicMicroseconds: UInt64)
    /// `EXTEND_TIMEOUT_USEC=`: ask for more time for the current start or stop phase.
    case extendTimeout(Duration)
    /// `ERRNO=`: the errno of a failed start.
    case errno(Int32)

    /// The message's line(s), without a trailing newline.
    package var text: String {
        switch self {
        case .ready: "READY=1"
        case .status(let status): "STATUS=" + String(status.map { $0.isNewline ? " " : $0 })
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        case .reloading(let microseconds): "RELOADING=1\nMONOTONIC_USEC=\(microseconds)"
        case .extendTimeout(let duration): "EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"
        case .errno(let code): "ERRNO=\(code)"
        }
    }

    /// The datagram payload for several messages: their lines joined by newlines.
    /// - Parameter messages: the messages, in order.
    /// - Returns: the payload.
    package static func payload(_ messages: [NotifyMessage]) -> String {
        messages.map(\.text).joined(separator: "\n")
    }

    /// ``reloading(monotonicMicroseconds:)`` stamped with the current CLOCK_MONOTONIC time.
    package static func reloadingNow() -> NotifyMessage {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return .reloading(monotonicMicroseconds: UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000)
    }

    private static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }
}
