import Glibc
import Hummingbird
import Logging
import ServiceLifecycle

/// The control API on the Unix socket: binds, makes the socket `0660`, then says `READY=1`; on graceful shutdown
/// says `STOPPING=1`, refuses new work and ends the event streams so open connections can close.
struct ControlServer: Service {
    let core: DaemonCore
    let notifications: NotificationSender
    /// Called once the socket listens (after `READY=1`).
    let onReady: @Sendable () -> Void

    func run() async throws {
        let core = self.core
        let notifications = self.notifications
        let onReady = self.onReady
        let socket = core.paths.socket
        let application = Application(
            router: ControlRoutes.makeRouter(core: core),
            configuration: ApplicationConfiguration(address: .unixDomainSocket(path: socket), serverName: "assetd"),
            onServerRunning: { _ in
                if chmod(socket, 0o660) != 0 {
                    core.logger.error(
                        "cannot chmod the socket",
                        metadata: ["socket": "\(socket)", "errno": "\(errno)"]
                    )
                }
                Self.warnIfDirectoryIsWorldWritable(socket, logger: core.logger)
                notifications.send(.ready, .status("listening on \(socket)"))
                core.logger.info("ready", metadata: ["socket": "\(socket)", "version": "\(DaemonCore.version)"])
                onReady()
            },
            logger: core.logger
        )
        try await withGracefulShutdownHandler {
            try await application.run()
        } onGracefulShutdown: {
            notifications.send(.stopping)
            core.beginStopping()
            core.events.finishAll()
        }
    }

    private static func warnIfDirectoryIsWorldWritable(_ socket: String, logger: Logger) {
        let directory = DaemonDirectories.parent(of: socket)
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IWOTH != 0 else { return }
        logger.warning(
            "the socket's directory is world-writable: anyone may replace the socket; use a private directory",
            metadata: ["socket": "\(socket)"]
        )
    }
}
