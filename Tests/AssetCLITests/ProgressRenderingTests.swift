import AssetAPI
import AssetCLI
import Testing

@Suite("enqueue --wait output")
struct ProgressRenderingTests {
    static func progress(cached: Int, failed: Int, queued: Int) -> EnqueueProgress {
        var progress = EnqueueProgress()
        var assets: [AssetRecord] = []
        var id: Int64 = 0
        for _ in 0..<queued {
            id += 1
            assets.append(APIFixtures.queued(APIFixtures.cachedAsset(id: id, url: "https://img.test/\(id).jpg")))
        }
        _ = progress.add(ArticleSubmissionResult(id: 7, assets: assets))
        for index in 0..<(cached + failed) {
            let record =
                index < cached
                ? APIFixtures.cachedAsset(
                    id: Int64(index + 1),
                    url: "https://img.test/\(index + 1).jpg",
                    bytes: 1_048_576
                )
                : APIFixtures.failedAsset(id: Int64(index + 1), url: "https://img.test/\(index + 1).jpg")
            _ = progress.reconcile(APIFixtures.article(assets: [record]))
        }
        return progress
    }

    @Test("the bar fills with the share of finished assets and shows bytes, rate, failures and time")
    func bar() {
        let progress = Self.progress(cached: 2, failed: 1, queued: 4)
        #expect(
            ProgressRendering.bar(progress, elapsedSeconds: 2)
                == "[##################------]  3/4 assets  2.0 MiB  1.0 MiB/s  1 failed  2s"
        )
    }

    @Test("an empty bar at the start, a full one for nothing to do")
    func barEnds() {
        let start = Self.progress(cached: 0, failed: 0, queued: 3)
        #expect(
            ProgressRendering.bar(start, elapsedSeconds: 0).hasPrefix(
                "[------------------------]  0/3 assets  0 B  0 B/s  0s"
            )
        )
        let empty = EnqueueProgress()
        #expect(ProgressRendering.bar(empty, elapsedSeconds: 0).hasPrefix("[########################]  0/0 assets"))
    }

    @Test("plain lines name each finished asset")
    func lines() {
        #expect(
            ProgressRendering.line(.cached(url: "https://a.test/1.jpg", byteCount: 2048))
                == "cached  2.0 KiB  https://a.test/1.jpg"
        )
        #expect(
            ProgressRendering.line(.failed(.init(url: "https://a.test/2.jpg", reason: "timeout: too slow")))
                == "failed  https://a.test/2.jpg: timeout: too slow"
        )
    }

    @Test("the summary totals the run and lists each failure with its reason")
    func summary() {
        let progress = Self.progress(cached: 2, failed: 1, queued: 3)
        #expect(
            ProgressRendering.summary(progress, elapsedSeconds: 63)
                == """
                3 assets: 2 cached (2.0 MiB), 1 failed in 1m03s (32.5 KiB/s)
                failed  https://img.test/3.jpg: http_status: HTTP 404 from https://img.test/3.jpg

                """
        )
    }
}
