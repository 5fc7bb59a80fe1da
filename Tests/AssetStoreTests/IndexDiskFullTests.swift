import AssetStore
import Testing

@Suite(
    .serialized,
    .enabled(
        if: SmallFileSystem.isMountPermitted,
        "needs root and permission to mount a tmpfs (mount -t tmpfs); not available here, so SQLITE_FULL is not exercised"
    )
)
struct IndexDiskFullTests {
    @Test
    func aFullDiskFailsTheEnqueueWithNoSpaceAndKeepsWhatWasCommitted() async throws {
        let disk = try SmallFileSystem(byteCount: 512 * 1024, inodeCount: 100)
        let path = disk.path + "/index.sqlite"
        var index = try await IndexDatabase.open(path: path, durability: .full)
        var committed = 0
        var failure: StoreError?
        for number in 0..<1000 {
            let urls = (0..<200).map { "https://img.example/\(number)/\($0)/a-fairly-long-path-to-fill-pages.jpg" }
            do {
                _ = try await index.enqueueArticle(IndexFixture.article(number, [urls]), now: IndexFixture.epoch)
                committed += urls.count
            } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure, "512 KiB should not hold 200,000 assets")
        #expect(error.code == .noSpace)
        #expect(error.message.contains("enqueue"))
        #expect(committed > 0)

        // The failed transaction left nothing behind; what was committed is still there and consistent.
        #expect(try await index.counts().totalAssets == committed)
        #expect(try await index.asset(url: "https://img.example/0/0/a-fairly-long-path-to-fill-pages.jpg") != nil)
        #expect(try await index.integrityProblems().isEmpty)
        try? await index.close()

        index = try await IndexDatabase.open(path: path, durability: .full)
        #expect(try await index.counts().totalAssets == committed)
        try? await index.close()
    }
}
