import AssetFetch
import AssetStore
import ServiceLifecycle

/// Stops the fetch engine (failing anything still queued in it with `cancelled`) after the scheduler has stopped.
struct FetchEngineService: Service {
    let core: DaemonCore

    func run() async throws {
        try? await gracefulShutdown()
        let engine = core.engine
        await BlockingIO.run { engine.shutDown() }
    }
}
