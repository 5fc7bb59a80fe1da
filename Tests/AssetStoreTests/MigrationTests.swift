import AssetStore
import Testing

@Suite
struct MigrationTests {
    @Test
    func anEmptyDatabaseGetsEveryMigrationInOrder() async throws {
        let index = try await IndexDatabase.inMemory()
        #expect(try await index.appliedMigrations() == ["v1-initial-schema"])
    }

    @Test
    func reopeningAppliesNothingTwiceAndKeepsTheRows() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/index.sqlite"
        var index = try await IndexDatabase.open(path: path, durability: .full)
        _ = try await index.enqueueArticle(
            IndexFixture.article(1, [["https://a.example/1.jpg"]]),
            now: IndexFixture.epoch
        )
        try await index.close()
        for _ in 0..<2 {
            index = try await IndexDatabase.open(path: path, durability: .relaxed)
            #expect(try await index.appliedMigrations() == ["v1-initial-schema"])
            #expect(try await index.asset(url: "https://a.example/1.jpg")?.state == .queued)
            #expect(try await index.integrityProblems().isEmpty)
            try await index.close()
        }
    }

    @Test
    func theSchemaEnforcesItsInvariantsEvenAgainstTheAPI() async throws {
        // A cached asset must name an object; a queued one must have a due time. The API keeps these, and
        // the CHECK constraints would refuse a row that broke them: evicting clears the digest and the
        // counters follow every change.
        let index = try await IndexDatabase.inMemory()
        let claimed = try await IndexFixture.claimAll(index, urls: ["https://a.example/1.jpg"])
        let id = try #require(claimed["https://a.example/1.jpg"]?.id)
        _ = try await index.markFetched(id, object: IndexFixture.fetched(7), now: IndexFixture.epoch)
        _ = try await index.evictObject(IndexFixture.digest(7), now: IndexFixture.epoch)
        let asset = try #require(try await index.asset(id: id))
        #expect(asset.state == .evicted)
        #expect(asset.digest == nil)
        #expect(asset.nextAttemptAt == nil)
        let problems = try await index.integrityProblems()
        #expect(problems.isEmpty, "\(problems)")
    }
}
