import AssetAPI
import Logging
import ServiceLifecycle

/// Every few seconds: tells systemd the counts (`STATUS=`), publishes a status event and refreshes the gauges.
struct StatusReporter: Service {
    let core: DaemonCore
    let notifications: NotificationSender
    let interval: Duration

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await report()
                try await Task.sleep(for: interval)
            }
        }
    }

    private func report() async {
        do {
            let status = try await core.status()
            notifications.send(.status(StatusLine.make(from: status)))
            core.events.publish(.status(status))
        } catch {
            core.logger.warning("cannot read the status", metadata: ["error": "\(error)"])
        }
    }
}
