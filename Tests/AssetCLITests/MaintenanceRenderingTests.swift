import AssetAPI
import AssetCLI
import Testing

@Suite("retry, verify and gc rendering")
struct MaintenanceRenderingTests {
    @Test("retry counts the assets queued again")
    func retry() {
        #expect(MaintenanceRendering.retry(RetryResult(requeued: 1)) == "queued 1 asset again\n")
        #expect(MaintenanceRendering.retry(RetryResult(requeued: 0)) == "queued 0 assets again\n")
    }

    @Test("a clean verify says all intact; a dirty one lists each digest")
    func verify() {
        #expect(
            MaintenanceRendering.verify(VerifyResult(checked: 2, bytesChecked: 3072))
                == "checked 2 objects (3.0 KiB): all intact\n"
        )
        let dirty = VerifyResult(checked: 3, bytesChecked: 10, corrupt: ["aa"], missing: ["bb"], requeued: 2)
        #expect(
            MaintenanceRendering.verify(dirty)
                == "checked 3 objects (10 B): 1 corrupt, 1 missing, 2 assets queued again\ncorrupt  aa\nmissing  bb\n"
        )
    }

    @Test("gc names what it removed and the bytes freed")
    func garbageCollection() {
        let result = GarbageCollectionResult(
            removedObjects: 1,
            evictedObjects: 2,
            removedIngestFiles: 3,
            freedBytes: 5 << 20
        )
        #expect(
            MaintenanceRendering.garbageCollection(result)
                == "removed 1 unreferenced object, evicted 2, removed 3 ingest files; freed 5.0 MiB\n"
        )
    }
}
