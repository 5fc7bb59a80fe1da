import AssetAPI
import AssetCLI
import Testing

@Suite("enqueue --wait progress state")
struct EnqueueProgressTests {
    static let a = APIFixtures.cachedAsset(id: 1, url: "https://img.test/a.jpg", bytes: 1000)
    static let b = APIFixtures.failedAsset(id: 2, url: "https://img.test/b.jpg")

    static func transition(_ record: AssetRecord, from: AssetState?, to: AssetState) -> AssetTransition {
        AssetTransition(
            assetID: record.id,
            url: record.url,
            articleIDs: record.articleIDs,
            from: from,
            to: to,
            sha256: to == .cached ? record.sha256 : nil,
            byteCount: to == .cached ? record.byteCount : nil,
            error: to == .failed ? record.error : nil,
            at: APIFixtures.created
        )
    }

    @Test("events move assets to their final states, one change each, and finish the wait")
    func eventsFinish() {
        var progress = EnqueueProgress()
        let result = ArticleSubmissionResult(id: 7, assets: [APIFixtures.queued(Self.a), APIFixtures.queued(Self.b)])
        #expect(progress.add(result).isEmpty)
        #expect(progress.total == 2 && progress.done == 0 && !progress.isFinished)
        #expect(progress.apply(Self.transition(Self.a, from: .queued, to: .fetching)).isEmpty)
        #expect(
            progress.apply(Self.transition(Self.a, from: .fetching, to: .cached))
                == [.cached(url: "https://img.test/a.jpg", byteCount: 1000)]
        )
        // A repeated event changes nothing.
        #expect(progress.apply(Self.transition(Self.a, from: .fetching, to: .cached)).isEmpty)
        #expect(!progress.isFinished)
        let failure = EnqueueProgress.Failure(
            url: "https://img.test/b.jpg",
            reason: "http_status: HTTP 404 from https://img.test/b.jpg"
        )
        #expect(progress.apply(Self.transition(Self.b, from: .fetching, to: .failed)) == [.failed(failure)])
        #expect(progress.isFinished)
        #expect(progress.cached == 1 && progress.failed == 1 && progress.bytes == 1000)
        #expect(progress.transferredBytes == 1000)
        #expect(progress.failures == [failure])
    }

    @Test("events of other articles' assets are ignored")
    func foreignEvents() {
        var progress = EnqueueProgress()
        _ = progress.add(ArticleSubmissionResult(id: 7, assets: [APIFixtures.queued(Self.a)]))
        var other = APIFixtures.cachedAsset(id: 99, url: "https://img.test/other.jpg")
        other.articleIDs = [8]
        #expect(progress.apply(Self.transition(other, from: .fetching, to: .cached)).isEmpty)
        #expect(progress.total == 1)
    }

    @Test("assets already cached at submission are done but not counted in the transfer rate")
    func alreadyCached() {
        var progress = EnqueueProgress()
        let changes = progress.add(ArticleSubmissionResult(id: 7, assets: [Self.a]))
        #expect(changes == [.cached(url: "https://img.test/a.jpg", byteCount: 1000)])
        #expect(progress.isFinished && progress.bytes == 1000 && progress.transferredBytes == 0)
    }

    @Test("an article document overrides what events said, and a retried failure is no longer done")
    func reconcile() {
        var progress = EnqueueProgress()
        _ = progress.add(ArticleSubmissionResult(id: 7, assets: [APIFixtures.queued(Self.a), Self.b]))
        #expect(progress.failed == 1)
        let changes = progress.reconcile(APIFixtures.article(assets: [Self.a, APIFixtures.queued(Self.b)]))
        #expect(changes == [.cached(url: "https://img.test/a.jpg", byteCount: 1000)])
        #expect(progress.failed == 0 && !progress.isFinished)
    }

    @Test("an article without assets is finished at once")
    func noAssets() {
        var progress = EnqueueProgress()
        _ = progress.add(ArticleSubmissionResult(id: 3, assets: []))
        #expect(progress.isFinished && progress.total == 0)
    }

    @Test("an evicted asset counts as not cached, with a reason")
    func evicted() {
        var progress = EnqueueProgress()
        var record = Self.a
        record.state = .evicted
        _ = progress.add(ArticleSubmissionResult(id: 7, assets: [record]))
        #expect(progress.isFinished && progress.failed == 1)
        #expect(progress.failures.first?.reason.contains("evicted") == true)
    }
}
