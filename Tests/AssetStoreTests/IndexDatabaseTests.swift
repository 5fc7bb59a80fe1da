import AssetStore
import Foundation
import Testing

@Suite
struct IndexDatabaseTests {
    @Test(arguments: [(Durability.full, 2), (Durability.relaxed, 1)])
    func opensInWALModeWithTheSynchronousLevelOfTheDurability(durability: Durability, synchronous: Int) async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: durability)
        let settings = try await index.settings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == synchronous)
        #expect(settings.foreignKeys)
        #expect(settings.busyTimeoutMilliseconds == 5000)
        try await index.close()
    }

    @Test
    func claimingUnderFullDurabilityLeavesTheConnectionFullySynchronous() async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: .full)
        let urls = (0..<10).map { "https://img.example/\($0).jpg" }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: IndexFixture.epoch)
        let claimed = try await index.claimDueAssets(limit: 4, perHostLimit: 4, now: IndexFixture.epoch)
        #expect(claimed.count == 4)
        #expect(try await index.settings().synchronous == 2)
        #expect(try await index.counts().count(.fetching) == 4)
        // A claim that finds nothing due (an empty queue) restores the level too.
        _ = try await index.claimDueAssets(limit: 100, perHostLimit: 100, now: IndexFixture.epoch)
        _ = try await index.claimDueAssets(limit: 100, perHostLimit: 100, now: IndexFixture.epoch)
        #expect(try await index.settings().synchronous == 2)
        try await index.close()
    }

    @Test
    func closeCheckpointsTheWALIntoTheDatabaseFileAndRowsSurviveAReopen() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/index.sqlite"
        var index = try await IndexDatabase.open(path: path, durability: .full)
        let urls = (0..<200).map { "https://img.example/\($0).jpg" }
        let result = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: IndexFixture.epoch)
        #expect(try fileSize(path + "-wal") > 0)
        try await index.close()

        #expect((try? fileSize(path + "-wal")) ?? 0 == 0)
        #expect(try fileSize(path) > 16_384)
        index = try await IndexDatabase.open(path: path, durability: .full)
        let detail = try #require(try await index.article(id: result.articleID))
        #expect(detail.assets.map(\.url) == urls)
        try await index.close()
    }

    @Test
    func readersRunWhileTheWriterWrites() async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: .relaxed)
        let first = try await index.enqueueArticle(
            IndexFixture.article(0, [["https://a.example/0.jpg"]]),
            now: IndexFixture.epoch
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for number in 1...50 {
                    _ = try await index.enqueueArticle(
                        IndexFixture.article(number, [["https://a.example/\(number).jpg"]]),
                        now: IndexFixture.epoch
                    )
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<50 {
                        let asset = try await index.asset(url: "https://a.example/0.jpg")
                        #expect(asset?.id == first.assets.first?.id)
                        let total = try await index.counts().totalAssets
                        #expect((1...51).contains(total))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await index.counts().count(.queued) == 51)
        try await index.close()
    }

    @Test
    func openingAFileThatIsNotADatabaseFailsWithADatabaseError() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/index.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: StoreError.self) {
            _ = try await IndexDatabase.open(path: path, durability: .full)
        }
        #expect(error?.code == .database)
        #expect(error?.message.contains(path) == true)
    }

    @Test
    func openingInAMissingDirectoryFails() async throws {
        let scratch = try ScratchDirectory()
        let error = await #expect(throws: StoreError.self) {
            _ = try await IndexDatabase.open(path: scratch.path + "/missing/index.sqlite", durability: .full)
        }
        #expect(error != nil)
    }

    @Test
    func aFreshIndexIsHealthyAndEveryFrequentQueryUsesAnIndex() async throws {
        let index = try await IndexDatabase.inMemory()
        #expect(try await index.integrityProblems().isEmpty)
        let plans = try await index.queryPlans()
        #expect(plans.count == 15)
        // The index each statement must go through (a plan may name more than one).
        let expected = [
            "assetByURL": "sqlite_autoindex_assets_1", "assetByID": "INTEGER PRIMARY KEY",
            "assetsByDigest": "assets_by_digest", "assetsOfArticle": "article_assets USING PRIMARY KEY (article_id=?)",
            "articlesOfAsset": "article_assets_by_asset", "assetsInStatePage": "assets_by_state_id",
            "assetsPage": "INTEGER PRIMARY KEY", "nextQueuedHost": "assets_by_state_host_due",
            "fetchingByHost": "assets_by_state_host_due", "dueOfHost": "assets_by_state_host_due",
            "nextDueTime": "assets_queued_by_due", "evictionCandidates": "objects_by_last_access",
            "objectByDigest": "PRIMARY KEY", "isArticleObject": "articles_by_digest",
            "articleStateCounts": "article_assets USING COVERING INDEX",
        ]
        for (name, plan) in plans {
            let index = try #require(expected[name], "no expectation for \(name)")
            #expect(plan.contains(index), "\(name) should use \(index): \(plan)")
        }
        for (name, plan) in plans {
            let scansATable = plan.split(separator: "|").contains { step in
                let step = step.trimmingCharacters(in: .whitespaces)
                return step.hasPrefix("SCAN ") && !step.contains("USING") && step != "SCAN CONSTANT ROW"
            }
            #expect(!scansATable, "\(name) scans a table: \(plan)")
            // Grouping one article's few assets by state may sort; nothing else may.
            if name != "articleStateCounts" {
                #expect(!plan.contains("USE TEMP B-TREE"), "\(name) sorts in a temporary b-tree: \(plan)")
            }
        }
    }

    @Test
    func inMemoryIndexesAreIndependent() async throws {
        let first = try await IndexDatabase.inMemory()
        let second = try await IndexDatabase.inMemory()
        _ = try await first.enqueueArticle(
            IndexFixture.article(1, [["https://a.example/x.jpg"]]),
            now: IndexFixture.epoch
        )
        #expect(try await first.counts().totalAssets == 1)
        #expect(try await second.counts().totalAssets == 0)
        #expect(second.path == nil)
    }

    private func fileSize(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.intValue ?? -1
    }
}
