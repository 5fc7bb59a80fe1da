import AssetStore
import Foundation
import Testing

@Suite
struct IndexQueryTests {
    let now = IndexFixture.epoch

    @Test
    func enqueueRecordsTheArticleItsImagesAndOneQueuedAssetPerDistinctURL() async throws {
        let index = try await IndexDatabase.inMemory()
        let images = [
            ["https://img.example/a.jpg", "https://img.example/b.jpg"],
            ["https://cdn.example:8443/c.jpg", "https://img.example/a.jpg"],
        ]
        let result = try await index.enqueueArticle(IndexFixture.article(1, images), now: now)
        #expect(result.newlyQueued == 3)
        #expect(result.shared + result.requeued + result.alreadyCached == 0)
        #expect(
            result.assets.map(\.url) == [
                "https://img.example/a.jpg", "https://img.example/b.jpg", "https://cdn.example:8443/c.jpg",
            ]
        )
        #expect(result.assets.map(\.host) == ["img.example", "img.example", "cdn.example:8443"])
        #expect(result.assets.allSatisfy { $0.state == .queued && $0.nextAttemptAt == now && $0.attempts == 0 })

        let detail = try #require(try await index.article(id: result.articleID))
        #expect(detail.article.source == "article-1.html")
        #expect(detail.article.digest == IndexFixture.digest(1_000_001))
        #expect(detail.article.optionsJSON.contains("768"))
        #expect(detail.images.map(\.selectedURLs) == images)
        #expect(detail.images.map(\.line) == [10, 20])
        #expect(detail.assets == result.assets)
        #expect(try await index.assets(article: result.articleID) == result.assets)
        #expect(try await index.object(IndexFixture.digest(1_000_001))?.byteCount == 1001)
        #expect(try await index.article(id: ArticleID(rawValue: 999)) == nil)
    }

    @Test
    func enqueueSharesQueuedAssetsKeepsCachedOnesAndRequeuesFailedAndEvictedOnes() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...5).map { "https://img.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: Array(urls[1...4]))
        let cached = try #require(claimed[urls[1]]?.id)
        let failed = try #require(claimed[urls[2]]?.id)
        let evicted = try #require(claimed[urls[3]]?.id)
        _ = try await index.markFetched(cached, object: IndexFixture.fetched(1), now: now)
        _ = try await index.markFailed(
            failed,
            failure: IndexFixture.notFound,
            schedule: IndexFixture.schedule,
            now: now
        )
        _ = try await index.markFetched(evicted, object: IndexFixture.fetched(2), now: now)
        _ = try await index.evictObject(IndexFixture.digest(2), now: now)
        // urls[4] stays fetching; urls[0] is new.

        let later = IndexFixture.at(60)
        let result = try await index.enqueueArticle(IndexFixture.article(2, [urls]), now: later)
        #expect(result.newlyQueued == 1)
        #expect(result.alreadyCached == 1)
        #expect(result.requeued == 2)
        #expect(result.shared == 1)
        let states = Dictionary(uniqueKeysWithValues: result.assets.map { ($0.url, $0.state) })
        #expect(states == [urls[0]: .queued, urls[1]: .cached, urls[2]: .queued, urls[3]: .queued, urls[4]: .fetching])
        let requeued = try #require(try await index.asset(id: failed))
        #expect(requeued.attempts == 0)
        #expect(requeued.nextAttemptAt == later)
        #expect(try await index.articles(referencing: cached).count == 2)
    }

    @Test
    func claimTakesTurnsBetweenHostsAndContinuesWhereTheLastClaimStopped() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls =
            (1...4).map { "https://a.example/\($0).jpg" } + ["https://b.example/1.jpg"]
            + (1...2).map { "https://c.example/\($0).jpg" }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)

        let first = try await index.claimDueAssets(limit: 4, perHostLimit: 10, now: now)
        #expect(first.map(\.host) == ["a.example", "b.example", "c.example", "a.example"])
        #expect(first.map(\.url).prefix(1) == ["https://a.example/1.jpg"])
        #expect(first.allSatisfy { $0.state == .fetching && $0.nextAttemptAt == nil })

        // The next claim starts after the host served last (a), so c comes before a again.
        let second = try await index.claimDueAssets(limit: 2, perHostLimit: 10, now: now)
        #expect(second.map(\.url) == ["https://c.example/2.jpg", "https://a.example/3.jpg"])
        let third = try await index.claimDueAssets(limit: 10, perHostLimit: 10, now: now)
        #expect(third.map(\.url) == ["https://a.example/4.jpg"])
        #expect(try await index.claimDueAssets(limit: 10, perHostLimit: 10, now: now).isEmpty)
        #expect(try await index.counts().count(.fetching) == 7)
    }

    @Test
    func oneClaimAtATimeRotatesThroughTheHosts() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = ["a", "b", "c"].flatMap { host in (1...3).map { "https://\(host).example/\($0).jpg" } }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        var hosts: [String] = []
        for _ in 0..<6 {
            hosts += try await index.claimDueAssets(limit: 1, perHostLimit: 10, now: now).map(\.host)
        }
        #expect(hosts == ["a.example", "b.example", "c.example", "a.example", "b.example", "c.example"])
    }

    @Test
    func claimNeverPutsMoreThanThePerHostLimitInFlight() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...6).map { "https://a.example/\($0).jpg" } + ["https://b.example/1.jpg"]
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        let first = try await index.claimDueAssets(limit: 10, perHostLimit: 2, now: now)
        #expect(first.filter { $0.host == "a.example" }.count == 2)
        #expect(first.count == 3)
        #expect(try await index.claimDueAssets(limit: 10, perHostLimit: 2, now: now).isEmpty)
        _ = try await index.markFetched(first[0].id, object: IndexFixture.fetched(1), now: now)
        let next = try await index.claimDueAssets(limit: 10, perHostLimit: 2, now: now)
        #expect(next.map(\.url) == ["https://a.example/3.jpg"])
    }

    @Test
    func settlingAssetsDoNotCountAgainstThePerHostLimit() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...6).map { "https://a.example/\($0).jpg" }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        #expect(try await index.claimDueAssets(limit: 10, perHostLimit: 2, now: now).count == 2)
        // Both still `fetching`; one has its body and settles, so the host has room for one more.
        let next = try await index.claimDueAssets(limit: 10, perHostLimit: 2, settling: ["a.example": 1], now: now)
        #expect(next.map(\.url) == ["https://a.example/3.jpg"])
        // A settling count for another host, or larger than the host's `fetching` rows, frees nothing more.
        let settling = ["b.example": 5, "a.example": 1]
        #expect(try await index.claimDueAssets(limit: 10, perHostLimit: 2, settling: settling, now: now).isEmpty)
        #expect(
            try await index.claimDueAssets(limit: 10, perHostLimit: 3, settling: ["a.example": 9], now: now).count == 3
        )
    }

    @Test
    func claimSkipsAssetsThatAreNotDueYet() async throws {
        let index = try await IndexDatabase.inMemory()
        let claimed = try await IndexFixture.claimAll(index, urls: ["https://a.example/1.jpg"])
        let id = try #require(claimed.values.first?.id)
        let failed = try await index.markFailed(
            id,
            failure: IndexFixture.timeout,
            schedule: IndexFixture.schedule,
            now: now
        )
        #expect(failed.state == .queued)
        #expect(failed.nextAttemptAt == IndexFixture.at(1))
        #expect(try await index.nextDueTime() == IndexFixture.at(1))
        #expect(try await index.claimDueAssets(limit: 1, perHostLimit: 1, now: IndexFixture.at(0.999)).isEmpty)
        #expect(try await index.claimDueAssets(limit: 1, perHostLimit: 1, now: IndexFixture.at(1)).map(\.id) == [id])
    }

    @Test
    func theNextDueTimeIsTheEarliestQueuedAssetsOrNilWhenNoneIsQueued() async throws {
        let index = try await IndexDatabase.inMemory()
        #expect(try await index.nextDueTime() == nil)
        _ = try await index.enqueueArticle(
            IndexFixture.article(1, [["https://a.example/1.jpg"]]),
            now: IndexFixture.at(7)
        )
        _ = try await index.enqueueArticle(
            IndexFixture.article(2, [["https://b.example/1.jpg"]]),
            now: IndexFixture.at(3)
        )
        #expect(try await index.nextDueTime() == IndexFixture.at(3))
        _ = try await index.claimDueAssets(limit: 10, perHostLimit: 10, now: IndexFixture.at(10))
        #expect(try await index.nextDueTime() == nil)
    }

    @Test
    func markFetchedCachesTheAssetAndRecordsItsObject() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = ["https://a.example/1.jpg", "https://b.example/same.jpg"]
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        let later = IndexFixture.at(5)
        let asset = try await index.markFetched(
            try #require(claimed[urls[0]]?.id),
            object: IndexFixture.fetched(42, byteCount: 1234, type: "image/webp"),
            now: later
        )
        #expect(asset.state == .cached)
        #expect(asset.digest == IndexFixture.digest(42))
        #expect(asset.byteCount == 1234)
        #expect(asset.contentType == "image/webp")
        #expect(asset.etag == "\"e42\"")
        #expect(asset.fetchedAt == later)
        // A second URL with the same bytes shares the object.
        _ = try await index.markFetched(
            try #require(claimed[urls[1]]?.id),
            object: IndexFixture.fetched(42, byteCount: 1234),
            now: later
        )
        #expect(try await index.assets(digest: IndexFixture.digest(42)).map(\.url) == urls)
        let counts = try await index.counts()
        #expect(counts.count(.cached) == 2)
        #expect(counts.objectCount == 2)  // the article's bytes and the shared image
        #expect(counts.objectBytes == 1234 + 1002)
        #expect(try await index.object(IndexFixture.digest(42))?.lastAccessAt == later)
    }

    @Test
    func markFetchedRefusesAnAssetThatIsNotFetchingAndADigestWithAnotherSize() async throws {
        let index = try await IndexDatabase.inMemory()
        let result = try await index.enqueueArticle(
            IndexFixture.article(1, [["https://a.example/1.jpg", "https://a.example/2.jpg"]]),
            now: now
        )
        let queued = result.assets[0].id
        let notFetching = await #expect(throws: StoreError.self) {
            _ = try await index.markFetched(queued, object: IndexFixture.fetched(1), now: now)
        }
        #expect(notFetching?.code == .illegalTransition)
        let missing = await #expect(throws: StoreError.self) {
            _ = try await index.markFetched(AssetID(rawValue: 999), object: IndexFixture.fetched(1), now: now)
        }
        #expect(missing?.code == .notFound)

        let claimed = try await index.claimDueAssets(limit: 2, perHostLimit: 2, now: now)
        _ = try await index.markFetched(claimed[0].id, object: IndexFixture.fetched(1, byteCount: 10), now: now)
        let mismatch = await #expect(throws: StoreError.self) {
            _ = try await index.markFetched(claimed[1].id, object: IndexFixture.fetched(1, byteCount: 11), now: now)
        }
        #expect(mismatch?.code == .lengthMismatch)
        #expect(try await index.asset(id: claimed[1].id)?.state == .fetching)
    }

    @Test
    func markFetchedInABatchKeepsTheGoodAssetsWhenOneCannotBeRecorded() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...4).map { "https://a.example/\($0).jpg" }
        let result = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        let claimed = try await index.claimDueAssets(limit: 3, perHostLimit: 3, now: now)
        try #require(claimed.count == 3)
        let queued = try #require(result.assets.first { asset in !claimed.contains { $0.id == asset.id } })
        let later = IndexFixture.at(2)
        let batch = [
            FetchedAsset(id: claimed[0].id, object: IndexFixture.fetched(1, byteCount: 10), time: later),
            FetchedAsset(id: queued.id, object: IndexFixture.fetched(2), time: later),
            FetchedAsset(id: claimed[1].id, object: IndexFixture.fetched(1, byteCount: 11), time: later),
            FetchedAsset(id: AssetID(rawValue: 999), object: IndexFixture.fetched(3), time: later),
            FetchedAsset(id: claimed[2].id, object: IndexFixture.fetched(4), time: later),
        ]
        let results = try await index.markFetched(batch)
        #expect(results.count == 5)
        #expect((try? results[0].get())?.state == .cached)
        #expect(results[1].failureCode == .illegalTransition)
        #expect(results[2].failureCode == .lengthMismatch)
        #expect(results[3].failureCode == .notFound)
        #expect((try? results[4].get())?.fetchedAt == later)
        #expect(try await index.asset(id: claimed[1].id)?.state == .fetching)
        #expect(try await index.asset(id: queued.id)?.state == .queued)
        let counts = try await index.counts()
        #expect(counts.count(.cached) == 2)
        #expect(try await index.object(IndexFixture.digest(1))?.byteCount == 10)
        #expect(try await index.object(IndexFixture.digest(2)) == nil, "the refused asset's object row was rolled back")
    }

    @Test
    func markFailedRetriesUntilTheScheduleGivesUpThenFails() async throws {
        let index = try await IndexDatabase.inMemory()
        let claimed = try await IndexFixture.claimAll(index, urls: ["https://a.example/1.jpg"])
        let id = try #require(claimed.values.first?.id)
        var clock = now
        var delays: [TimeInterval] = []
        while true {
            let asset = try await index.markFailed(
                id,
                failure: IndexFixture.timeout,
                schedule: IndexFixture.schedule,
                now: clock
            )
            guard asset.state == .queued, let due = asset.nextAttemptAt else {
                #expect(asset.state == .failed)
                #expect(asset.attempts == 4)
                #expect(asset.nextAttemptAt == nil)
                break
            }
            delays.append(due.timeIntervalSince(clock))
            clock = due
            #expect(try await index.claimDueAssets(limit: 1, perHostLimit: 1, now: clock).map(\.id) == [id])
        }
        #expect(delays == [1, 2, 4])
        let again = await #expect(throws: StoreError.self) {
            _ = try await index.markFailed(
                id,
                failure: IndexFixture.timeout,
                schedule: IndexFixture.schedule,
                now: clock
            )
        }
        #expect(again?.code == .illegalTransition)
    }

    @Test
    func failuresComePageByPageWithoutGapsOrRepeats() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...7).map { "https://a.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        for url in urls.prefix(5) {
            let id = try #require(claimed[url]?.id)
            _ = try await index.markFailed(
                id,
                failure: IndexFixture.notFound,
                schedule: IndexFixture.schedule,
                now: now
            )
        }
        var seen: [String] = []
        var cursor: AssetID?
        var pages = 0
        repeat {
            let page = try await index.failures(after: cursor, limit: 2)
            #expect(page.assets.allSatisfy { $0.state == .failed && $0.lastErrorCode == "http404" })
            seen += page.assets.map(\.url)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil
        #expect(pages == 3)
        #expect(seen == Array(urls.prefix(5)))

        let all = try await index.assets(in: nil, after: nil, limit: 100)
        #expect(all.assets.count == 7)
        #expect(all.nextCursor == nil)
        #expect(
            try await index.assets(in: .fetching, after: nil, limit: 100).assets.map(\.url) == Array(urls.suffix(2))
        )
    }

    @Test
    func requeueBringsBackFailedAndEvictedAssetsOnly() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...3).map { "https://a.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        let ids = try urls.map { try #require(claimed[$0]?.id) }
        for id in ids.prefix(2) {
            _ = try await index.markFailed(
                id,
                failure: IndexFixture.notFound,
                schedule: IndexFixture.schedule,
                now: now
            )
        }
        let one = try await index.requeue(ids[0], now: IndexFixture.at(9))
        #expect(one.state == .queued)
        #expect(one.nextAttemptAt == IndexFixture.at(9))
        let wrong = await #expect(throws: StoreError.self) {
            _ = try await index.requeue(ids[2], now: now)
        }
        #expect(wrong?.code == .illegalTransition)
        #expect(try await index.requeueAll(in: .failed, now: now) == 1)
        #expect(try await index.requeueAll(in: .failed, now: now) == 0)
        let notAllowed = await #expect(throws: StoreError.self) {
            _ = try await index.requeueAll(in: .cached, now: now)
        }
        #expect(notAllowed?.code == .illegalTransition)
        #expect(try await index.counts().count(.queued) == 2)
    }

    @Test
    func articleProgressCountsItsAssetsByState() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...3).map { "https://a.example/\($0).jpg" }
        let result = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        let claimed = try await index.claimDueAssets(limit: 1, perHostLimit: 1, now: now)
        _ = try await index.markFetched(claimed[0].id, object: IndexFixture.fetched(1), now: now)
        #expect(try await index.assetCounts(article: result.articleID) == [.cached: 1, .queued: 2])
    }

    @Test
    func countersAgreeWithTheRowsAfterManyChanges() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...40).map { "https://h\($0 % 4).example/\($0).jpg" }
        _ = try await index.enqueueArticle(IndexFixture.article(1, [urls]), now: now)
        let claimed = try await index.claimDueAssets(limit: 30, perHostLimit: 10, now: now)
        for (offset, asset) in claimed.enumerated() {
            switch offset % 3 {
            case 0: _ = try await index.markFetched(asset.id, object: IndexFixture.fetched(offset), now: now)
            case 1:
                _ = try await index.markFailed(
                    asset.id,
                    failure: IndexFixture.notFound,
                    schedule: IndexFixture.schedule,
                    now: now
                )
            default: _ = try await index.markInterrupted(asset.id, now: now)
            }
        }
        _ = try await index.evictObject(IndexFixture.digest(0), now: now)
        let counts = try await index.counts()
        var byState: [AssetState: Int] = [:]
        for asset in try await index.assets(in: nil, after: nil, limit: 100).assets {
            byState[asset.state, default: 0] += 1
        }
        for state in AssetState.allCases {
            #expect(counts.count(state) == byState[state, default: 0], "\(state)")
        }
        #expect(counts.totalAssets == 40)
        #expect(counts.objectCount == 10)  // 9 images left after one eviction, plus the article
        #expect(counts.objectBytes == 9 * 32_768 + 1001)
        #expect(try await index.integrityProblems().isEmpty)
    }
}

extension Result where Failure == StoreError {
    /// The error's code, or nil for a success.
    var failureCode: StoreError.Code? {
        guard case .failure(let error) = self else { return nil }
        return error.code
    }
}
