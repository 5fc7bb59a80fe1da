package import Logging
import Synchronization

/// The daemon's side of sd_notify: sends through a ``SystemdNotifier`` and logs what could not be sent.
///
/// A lost `READY=1` or `WATCHDOG=1` ends with systemd killing the unit; the log must say why. A failed `READY=1`,
/// `STOPPING=1` or other one-off message is a warning every time; for the periodic `STATUS=` and `WATCHDOG=1` only
/// the first failure is a warning and later ones are logged at debug, so a broken `$NOTIFY_SOCKET` does not flood
/// the journal. Thread-safe.
package final class NotificationSender: Sendable {
    /// Where the messages go.
    package let notifier: SystemdNotifier
    private let logger: Logger
    private let periodicFailureLogged = Atomic<Bool>(false)

    /// Creates a sender.
    /// - Parameters:
    ///   - notifier: The notifier for the daemon's `$NOTIFY_SOCKET`.
    ///   - logger: Where failures are logged.
    package init(notifier: SystemdNotifier, logger: Logger) {
        self.notifier = notifier
        self.logger = logger
    }

    /// Sends messages in one datagram; a failure is logged, never thrown.
    /// - Parameter messages: The messages, in order.
    package func send(_ messages: NotifyMessage...) {
        do {
            try notifier.send(NotifyMessage.payload(messages))
        } catch {
            let isPeriodic = messages.allSatisfy(Self.isPeriodic)
            let isRepeat = isPeriodic && periodicFailureLogged.exchange(true, ordering: .relaxed)
            logger.log(
                level: isRepeat ? .debug : .warning,
                "cannot notify the service manager",
                metadata: [
                    "notify.messages": "\(messages.map { $0.text.prefix { $0 != "=" } }.joined(separator: ","))",
                    "error": "\(error.message)",
                ]
            )
        }
    }

    private static func isPeriodic(_ message: NotifyMessage) -> Bool {
        switch message {
        case .status, .watchdog: true
        case .ready, .stopping, .reloading, .extendTimeout, .errno: false
        }
    }
}
