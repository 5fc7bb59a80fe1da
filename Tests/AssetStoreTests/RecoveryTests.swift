import AssetStore
import Foundation
import Testing

@Suite
struct RecoveryTests {
    let now = IndexFixture.epoch

    @Test
    func assetsInFlightAtACrashGoBackToTheQueueWithoutUsingAnAttempt() async throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path + "/index.sqlite"
        var index = try await IndexDatabase.open(path: path, durability: .full)
        let urls = (1...3).map { "https://a.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        #expect(claimed.count == 3)
        // No close: the process "dies" with three transfers in flight.
        index = try await IndexDatabase.open(path: path, durability: .full)
        let report = try await index.recover(now: IndexFixture.at(30)) { _ in true }
        #expect(report == RecoveryReport(interrupted: 3, missingObjects: 0, lostAssets: 0, missingArticleDigests: []))
        for url in urls {
            let asset = try #require(try await index.asset(url: url))
            #expect(asset.state == .queued)
            #expect(asset.attempts == 0)
            #expect(asset.nextAttemptAt == IndexFixture.at(30))
        }
        #expect(try await index.claimDueAssets(limit: 5, perHostLimit: 5, now: IndexFixture.at(30)).count == 3)
        try await index.close()
    }

    @Test
    func cachedAssetsWhoseObjectIsMissingAreQueuedAgainAndTheObjectRowGoes() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...4).map { "https://a.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        for (number, url) in urls.enumerated() {
            let id = try #require(claimed[url]?.id)
            // 1.jpg and 2.jpg share object 0; 3.jpg has object 2; 4.jpg has object 3.
            _ = try await index.markFetched(id, object: IndexFixture.fetched(number < 2 ? 0 : number), now: now)
        }
        let missing: Set<ContentDigest> = [IndexFixture.digest(0), IndexFixture.digest(3)]
        let report = try await index.recover(now: IndexFixture.at(1)) { !missing.contains($0) }
        #expect(report.interrupted == 0)
        #expect(report.missingObjects == 2)
        #expect(report.lostAssets == 3)
        #expect(report.missingArticleDigests.isEmpty)
        let states = try await urls.asyncMap { try await index.asset(url: $0)?.state }
        #expect(states == [.queued, .queued, .cached, .queued])
        #expect(try await index.object(IndexFixture.digest(0)) == nil)
        #expect(try await index.object(IndexFixture.digest(2)) != nil)
        #expect(try await index.asset(url: urls[0])?.digest == nil)
        let counts = try await index.counts()
        #expect(counts.objectCount == 2)  // the article's and object 2
        #expect(try await index.integrityProblems().isEmpty)
    }

    @Test
    func aMissingArticleObjectIsReportedAndKept() async throws {
        let index = try await IndexDatabase.inMemory()
        let article = IndexFixture.article(1, [["https://a.example/1.jpg"]])
        _ = try await index.enqueueArticle(article, now: now)
        let report = try await index.recover(now: now) { $0 != article.digest }
        #expect(report.missingArticleDigests == [article.digest])
        #expect(report.missingObjects == 0)
        #expect(try await index.object(article.digest) != nil)
    }

    @Test
    func forgettingACorruptObjectRequeuesItsAssets() async throws {
        let index = try await IndexDatabase.inMemory()
        let claimed = try await IndexFixture.claimAll(index, urls: ["https://a.example/1.jpg"])
        let id = try #require(claimed.values.first?.id)
        _ = try await index.markFetched(id, object: IndexFixture.fetched(5), now: now)
        let result = try await index.forgetObject(IndexFixture.digest(5), now: now)
        #expect(result.requeued == [id])
        #expect(!result.isArticle)
        #expect(try await index.asset(id: id)?.state == .queued)
        #expect(try await index.objectDigests().contains(IndexFixture.digest(5)) == false)
    }

    @Test
    func evictionRemovesTheLeastRecentlyUsedUnpinnedObjectsAndMarksTheirAssetsEvicted() async throws {
        let index = try await IndexDatabase.inMemory()
        let urls = (1...3).map { "https://a.example/\($0).jpg" }
        let claimed = try await IndexFixture.claimAll(index, urls: urls)
        for (number, url) in urls.enumerated() {
            let id = try #require(claimed[url]?.id)
            _ = try await index.markFetched(
                id,
                object: IndexFixture.fetched(number),
                now: IndexFixture.at(Double(number))
            )
        }
        // Reading object 0 makes it the most recently used.
        #expect(try await index.touchObject(IndexFixture.digest(0), now: IndexFixture.at(100)))
        #expect(try await index.touchObject(IndexFixture.digest(99), now: now) == false)

        let order = try await index.evictionCandidates(after: nil, limit: 10).map(\.digest)
        #expect(order == [IndexFixture.digest(1), IndexFixture.digest(2), IndexFixture.digest(0)])
        let firstPage = try await index.evictionCandidates(after: nil, limit: 2)
        let secondPage = try await index.evictionCandidates(after: firstPage.last, limit: 2)
        #expect(secondPage.map(\.digest) == [IndexFixture.digest(0)])

        let before = try await index.counts()
        let evicted = try await index.evictObject(IndexFixture.digest(1), now: IndexFixture.at(200))
        #expect(evicted == [try #require(claimed[urls[1]]?.id)])
        let after = try await index.counts()
        #expect(after.objectBytes == before.objectBytes - 32_768)
        #expect(after.count(.evicted) == 1)
        #expect(try await index.asset(url: urls[1])?.state == .evicted)

        let article = IndexFixture.article(3, [urls]).digest
        let pinned = await #expect(throws: StoreError.self) {
            _ = try await index.evictObject(article, now: now)
        }
        #expect(pinned?.code == .illegalTransition)
        let unknown = await #expect(throws: StoreError.self) {
            _ = try await index.evictObject(IndexFixture.digest(1), now: now)
        }
        #expect(unknown?.code == .notFound)
    }

    @Test
    func orphansCanBeAdoptedAndTheirSizeMustAgree() async throws {
        let index = try await IndexDatabase.inMemory()
        let adopted = try await index.recordObject(IndexFixture.digest(8), byteCount: 99, contentType: nil, now: now)
        #expect(adopted.byteCount == 99)
        #expect(try await index.objectDigests() == [IndexFixture.digest(8)])
        let again = try await index.recordObject(
            IndexFixture.digest(8),
            byteCount: 99,
            contentType: nil,
            now: IndexFixture.at(5)
        )
        #expect(again.createdAt == now)
        #expect(again.lastAccessAt == IndexFixture.at(5))
        let mismatch = await #expect(throws: StoreError.self) {
            _ = try await index.recordObject(IndexFixture.digest(8), byteCount: 100, contentType: nil, now: now)
        }
        #expect(mismatch?.code == .lengthMismatch)
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self {
            result.append(try await transform(element))
        }
        return result
    }
}
