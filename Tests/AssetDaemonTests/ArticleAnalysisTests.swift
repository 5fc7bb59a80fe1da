import AssetAPI
import AssetDaemon
import AssetParser
import AssetStore
import Foundation
import Testing

struct ArticleAnalysisTests {
    @Test func eachImageKeepsItsSourcesAndSelection() throws {
        let html = """
            <img srcset="https://x.test/a-480.jpg 480w, https://x.test/a-960.jpg 960w" sizes="480px">
            <img src="https://x.test/b.jpg"><img srcset="https://x.test/a-960.jpg 2x">
            """
        let parsed = ArticleParser().parse(Array(html.utf8))
        let analysis = ArticleAnalysis.make(parsed, options: SelectionOptions(dpr: 1))
        #expect(
            analysis.images.map(\.selectedURLs) == [
                ["https://x.test/a-480.jpg"], ["https://x.test/b.jpg"], ["https://x.test/a-960.jpg"],
            ]
        )
        #expect(analysis.images.map(\.ordinal) == [0, 1, 2])
        #expect(analysis.assetURLs == ["https://x.test/a-480.jpg", "https://x.test/b.jpg", "https://x.test/a-960.jpg"])
        let sources = try APIJSON.decode([ParseReport.Source].self, from: Data(analysis.images[0].sourcesJSON.utf8))
        #expect(sources.first?.candidates.map(\.w) == [480, 960])
        #expect(sources.first?.sizes == "480px")
        let selected = try APIJSON.decode(
            [ParseReport.Candidate].self,
            from: Data(analysis.images[0].selectedJSON.utf8)
        )
        #expect(selected == [ParseReport.Candidate(url: "https://x.test/a-480.jpg", w: 480, x: nil, h: nil)])
    }

    @Test func allPolicySelectsEveryCandidateAndDuplicatesCollapse() {
        let html = #"<img srcset="https://x.test/1.jpg 1x, https://x.test/2.jpg 2x" src="https://x.test/1.jpg">"#
        let parsed = ArticleParser().parse(Array(html.utf8))
        let analysis = ArticleAnalysis.make(parsed, options: SelectionOptions(policy: .all))
        #expect(analysis.assetURLs == ["https://x.test/1.jpg", "https://x.test/2.jpg"])
    }

    @Test func unresolvableCandidatesBecomeDiagnosticsNotAssets() {
        let parsed = ArticleParser().parse(Array(#"<img src="relative.jpg">"#.utf8))
        let analysis = ArticleAnalysis.make(parsed, options: SelectionOptions())
        #expect(analysis.assetURLs.isEmpty)
        #expect(!analysis.diagnostics.isEmpty)
        #expect(analysis.diagnostics.allSatisfy { $0.hasPrefix("line 1: ") })
    }

    @Test func inlineDataImagesAreNotedAndNeverBecomeAssets() throws {
        let html = """
            <p>text</p>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <img srcset="data:image/png;base64,iVBORw0KGgo= 1x, https://x.test/c.jpg 2x">
            """
        let parsed = ArticleParser().parse(Array(html.utf8))
        let analysis = ArticleAnalysis.make(parsed, options: SelectionOptions(policy: .all))
        #expect(analysis.assetURLs == ["https://x.test/c.jpg"])
        #expect(analysis.images.map(\.selectedURLs) == [[], ["https://x.test/c.jpg"]])
        let notes = analysis.diagnostics.filter { $0.contains("inline data: image") }
        #expect(notes.count == 2)
        #expect(notes.first?.hasPrefix("line 2: ") == true)
        // The selection itself is still reported as the parser made it.
        let selected = try APIJSON.decode(
            [ParseReport.Candidate].self,
            from: Data(analysis.images[0].selectedJSON.utf8)
        )
        #expect(selected.map(\.url) == ["data:image/gif;base64,R0lGODlhAQABAAAAACw="])
    }
}
