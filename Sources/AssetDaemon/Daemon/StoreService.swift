import AssetFetch
import AssetStore
import Logging
import ServiceLifecycle

/// Keeps the store open for the life of the daemon and closes the index (checkpointing the WAL) last, after every
/// other service has stopped (it is first in the service group, so shut down last).
struct StoreService: Service {
    let store: Store
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try await store.close()
            logger.info("closed the index")
        } catch {
            logger.error("cannot close the index", metadata: ["error": "\(error)"])
        }
    }
}

/// Stops the fetch engine (failing anything still queued in it with `cancelled`) after the scheduler has stopped.
struct FetchEngineService: Service {
    let core: DaemonCore

    func run() async throws {
        try? await gracefulShutdown()
        let engine = core.engine
        await BlockingWork.run { engine.shutDown() }
    }
}
