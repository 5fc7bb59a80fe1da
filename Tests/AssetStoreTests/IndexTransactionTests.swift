import AssetStore
import Testing

@Suite
struct IndexTransactionTests {
    let now = IndexFixture.epoch

    @Test
    func aFailedEnqueueRecordsNothing() async throws {
        let index = try await IndexDatabase.inMemory()
        let article = IndexFixture.article(1, [["https://a.example/1.jpg", "https://b.example/2.jpg"]])
        // The article's digest is already known with another size: the enqueue must fail as a whole.
        _ = try await index.recordObject(article.digest, byteCount: article.byteCount + 1, contentType: nil, now: now)
        let error = await #expect(throws: StoreError.self) {
            _ = try await index.enqueueArticle(article, now: now)
        }
        #expect(error?.code == .lengthMismatch)
        #expect(try await index.counts().totalAssets == 0)
        #expect(try await index.asset(url: "https://a.example/1.jpg") == nil)
        #expect(try await index.article(id: ArticleID(rawValue: 1)) == nil)
        #expect(try await index.integrityProblems().isEmpty)
    }

    @Test
    func articlesEnqueuedInOneBatchShareAssetsAndAFailedOneRecordsNothing() async throws {
        let index = try await IndexDatabase.inMemory()
        let first = IndexFixture.article(1, [["https://a.example/1.jpg", "https://a.example/shared.jpg"]])
        let broken = IndexFixture.article(2, [["https://a.example/2.jpg"]])
        let third = IndexFixture.article(3, [["https://a.example/shared.jpg", "https://a.example/3.jpg"]])
        // The second article's digest is known with another size, so it alone must fail.
        _ = try await index.recordObject(broken.digest, byteCount: broken.byteCount + 1, contentType: nil, now: now)
        let results = try await index.enqueueArticles([(first, now), (broken, now), (third, now)])
        #expect(results.count == 3)
        let one = try results[0].get()
        #expect(results[1].failureCode == .lengthMismatch)
        let three = try results[2].get()
        #expect(one.newlyQueued == 2 && three.newlyQueued == 1)
        let shared = try #require(one.assets.first { $0.url == "https://a.example/shared.jpg" })
        #expect(three.assets.contains { $0.id == shared.id })
        #expect(try await index.asset(url: "https://a.example/2.jpg") == nil)
        #expect(try await index.counts().totalAssets == 3)
        #expect(try await index.article(id: one.articleID) != nil)
        #expect(try await index.article(id: three.articleID) != nil)
        #expect(try await index.integrityProblems().isEmpty)
    }

    @Test
    func concurrentClaimsNeverHandOutAnAssetTwice() async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: .relaxed)
        let urls = (0..<100).map { "https://h\($0 % 7).example/\($0).jpg" }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        let claimed = try await withThrowingTaskGroup(of: [AssetID].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [AssetID] = []
                    for _ in 0..<3 {
                        mine += try await index.claimDueAssets(limit: 5, perHostLimit: 100, now: now).map(\.id)
                    }
                    return mine
                }
            }
            var all: [AssetID] = []
            for try await ids in group {
                all += ids
            }
            return all
        }
        #expect(claimed.count == 100)
        #expect(Set(claimed).count == claimed.count)
        #expect(try await index.counts().count(.fetching) == 100)
        try await index.close()
    }

    @Test
    func concurrentEnqueuesOfTheSameURLsShareOneAssetPerURL() async throws {
        let scratch = try ScratchDirectory()
        let index = try await IndexDatabase.open(path: scratch.path + "/index.sqlite", durability: .relaxed)
        let urls = (0..<20).map { "https://a.example/\($0).jpg" }
        let results = try await withThrowingTaskGroup(of: EnqueueResult.self) { group in
            for number in 0..<6 {
                group.addTask { try await index.enqueueArticle(IndexFixture.article(number, [urls]), now: now) }
            }
            var all: [EnqueueResult] = []
            for try await result in group {
                all.append(result)
            }
            return all
        }
        #expect(results.map(\.newlyQueued).reduce(0, +) == 20)
        #expect(results.map(\.shared).reduce(0, +) == 100)
        #expect(Set(results.map { $0.assets.map(\.id) }).count == 1)
        #expect(try await index.counts().totalAssets == 20)
        #expect(try await index.articles(referencing: results[0].assets[0].id).count == 6)
        try await index.close()
    }
}
