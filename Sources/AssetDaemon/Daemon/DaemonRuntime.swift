import AssetFetch
import AssetStore
import FoundationEssentials
import Glibc
package import Logging
package import ServiceLifecycle
package import UnixSignals

/// A daemon ready to run: the state directory locked, directories prepared, the store open and recovered, the fetch
/// engine started. `makeServiceGroup` assembles the services in order store → fetch → scheduler → status →
/// control API (graceful shutdown runs in reverse).
package final class DaemonRuntime: Sendable {
    package let core: DaemonCore
    private let lock: StateDirectoryLock
    private let notifications: NotificationSender
    private let watchdog: WatchdogSchedule?
    private let statusInterval: Duration
    private let readiness: AsyncStream<Void>.Continuation
    /// Yields once when the control socket listens.
    package let ready: AsyncStream<Void>

    private init(
        core: DaemonCore,
        lock: StateDirectoryLock,
        environment: [String: String],
        statusInterval: Duration
    ) {
        self.core = core
        self.lock = lock
        notifications = NotificationSender(notifier: SystemdNotifier(environment: environment), logger: core.logger)
        watchdog = WatchdogSchedule.from(environment: environment, pid: getpid())
        self.statusInterval = statusInterval
        (ready, readiness) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Locks the state directory, prepares the directories, opens the store (running start-up recovery and the
    /// ingest sweep) and starts the fetch engine.
    /// - Parameters:
    ///   - loaded: The validated configuration and paths.
    ///   - environment: The process environment (`NOTIFY_SOCKET`, `WATCHDOG_USEC`, …).
    ///   - logger: The daemon's logger.
    ///   - statusInterval: How often `STATUS=` and status events are sent.
    /// - Returns: The runtime.
    /// - Throws: `DaemonError` (`stateDirectoryLocked` when another daemon holds the lock, `directoryUnusable`,
    ///   `socketPathOccupied`), `StoreError` or `FetchError` (`setupFailed`).
    package static func open(
        _ loaded: LoadedConfiguration,
        environment: [String: String],
        logger: Logger,
        statusInterval: Duration = .seconds(5)
    ) async throws -> DaemonRuntime {
        let paths = loaded.paths
        let configuration = loaded.configuration
        try DaemonDirectories.ensureDirectory(paths.stateDirectory)
        let lock = try StateDirectoryLock.acquire(path: paths.lockFile)
        try DaemonDirectories.prepare(paths)
        let durability: AssetStore.Durability = configuration.durability == .full ? .full : .relaxed
        let store = try await Store.open(
            stateDirectory: paths.stateDirectory,
            cacheDirectory: paths.cacheDirectory,
            durability: durability,
            maxCacheBytes: configuration.maxCacheBytes > 0 ? configuration.maxCacheBytes : nil,
            logger: logger
        )
        let engine: FetchEngine
        do {
            engine = try FetchEngine(configuration: configuration.fetchEngineConfiguration, logger: logger)
        } catch {
            try? await store.close()
            throw error
        }
        let core: DaemonCore
        do {
            core = try await DaemonCore(
                configuration: configuration,
                paths: paths,
                store: store,
                engine: engine,
                logger: logger
            )
        } catch {
            // Nothing runs yet to stop them: stop the engine's thread and close the index before giving up.
            await BlockingIO.run { engine.shutDown() }
            try? await store.close()
            throw error
        }
        let recovery = store.recovery
        logger.info(
            "opened the store",
            metadata: [
                "store.state_dir": "\(paths.stateDirectory)", "store.cache_dir": "\(paths.cacheDirectory)",
                "store.requeued": "\(recovery.interrupted + recovery.lostAssets)", "store.articles": "\(core.articles)",
            ]
        )
        return DaemonRuntime(core: core, lock: lock, environment: environment, statusInterval: statusInterval)
    }

    /// The daemon's services in one group.
    /// - Parameter signals: Signals that start a graceful shutdown (`[.sigterm, .sigint]` for the real daemon;
    ///   none in tests, which call `triggerGracefulShutdown()`).
    /// - Returns: The group; `run()` returns after a graceful shutdown has finished.
    package func makeServiceGroup(signals: [UnixSignal]) -> ServiceGroup {
        let readiness = self.readiness
        let services: [any Service] = [
            StoreService(store: core.store, logger: core.logger),
            FetchEngineService(core: core),
            FetchScheduler(core: core, notifications: notifications, watchdog: watchdog),
            StatusReporter(core: core, notifications: notifications, interval: statusInterval),
            ControlServer(core: core, notifications: notifications, onReady: { readiness.yield() }),
        ]
        return ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: signals,
                cancellationSignals: [],
                logger: core.logger
            )
        )
    }

    /// Releases the state-directory lock (call after the group has finished).
    package func close() {
        lock.release()
        readiness.finish()
    }
}
