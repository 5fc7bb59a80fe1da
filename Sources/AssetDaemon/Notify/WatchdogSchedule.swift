/// When to send `WATCHDOG=1`: half of `$WATCHDOG_USEC`, as sd_watchdog_enabled(3) advises, if the watchdog is
/// meant for this process (`$WATCHDOG_PID` unset or equal to our PID).
package struct WatchdogSchedule: Sendable, Hashable {
    /// The manager's timeout (`WatchdogSec=`).
    package var timeout: Duration

    /// The interval between pings: half the timeout.
    package var pingInterval: Duration { timeout / 2 }

    /// Creates a schedule.
    /// - Parameter timeout: the manager's watchdog timeout.
    package init(timeout: Duration) {
        self.timeout = timeout
    }

    /// The schedule the environment asks for. Pure.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - pid: this process's PID.
    /// - Returns: the schedule, or `nil` when no watchdog applies (unset, zero, unparsable, or another PID's).
    package static func from(environment: [String: String], pid: Int32) -> WatchdogSchedule? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0,
            microseconds <= UInt64(Int64.max / 1000)
        else { return nil }
        if let owner = environment["WATCHDOG_PID"], Int32(owner) != pid { return nil }
        return WatchdogSchedule(timeout: .microseconds(Int64(microseconds)))
    }
}
