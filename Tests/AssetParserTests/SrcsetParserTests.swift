import AssetParser
import Testing

@Suite struct SrcsetParserTests {
    /// What a browser at 1x shows for a lone `<img srcset>`: parse, then select with the default options.
    static func browserPick(_ srcset: String, sizes: String? = nil) -> String {
        let candidates = SrcsetParser.parse(srcset).candidates.map {
            ImageCandidate(url: $0.url, width: $0.width, density: $0.density, height: $0.height)
        }
        let image = ImageSet(
            line: 1,
            sources: [ImageSource(element: .img, attribute: .srcset, sizes: sizes, candidates: candidates)]
        )
        return VariantSelector.select(image, options: SelectionOptions()).first?.url ?? ""
    }

    // MARK: web-platform-tests parse-a-srcset-attribute.html

    @Test(arguments: WPTSrcsetCases.splittingLoop)
    func wptSplittingLoop(srcset: String, expected: String) {
        #expect(Self.browserPick(srcset) == expected)
    }

    @Test(arguments: WPTSrcsetCases.descriptorTokenizer)
    func wptDescriptorTokenizer(srcset: String, expected: String) {
        #expect(Self.browserPick(srcset) == expected)
    }

    @Test(arguments: WPTSrcsetCases.descriptorParser)
    func wptDescriptorParser(srcset: String, expected: String) {
        #expect(Self.browserPick(srcset) == expected)
    }

    @Test(arguments: WPTSrcsetCases.strangeSpaces)
    func wptNonASCIISpaceNextToNumberDropsTheCandidate(srcset: String) {
        let result = SrcsetParser.parse(srcset)
        #expect(result.candidates.isEmpty)
        #expect(result.problems.count == 1)
    }

    // MARK: Our own cases

    @Test func readsWidthDensityAndHeightDescriptors() {
        let result = SrcsetParser.parse("a.jpg 480w 320h, b.jpg 2x, c.jpg 1.5x, d.jpg")
        #expect(
            result.candidates == [
                SrcsetCandidate(url: "a.jpg", width: 480, height: 320),
                SrcsetCandidate(url: "b.jpg", density: 2),
                SrcsetCandidate(url: "c.jpg", density: 1.5),
                SrcsetCandidate(url: "d.jpg"),
            ]
        )
        #expect(result.problems.isEmpty)
    }

    @Test func keepsCommasInsideURLsAndEndsURLsAtTrailingCommas() {
        let result = SrcsetParser.parse(
            "https://img.example/c_fill,w_480/x.jpg 480w,https://img.example/c_fill,w_960/x.jpg 960w"
        )
        #expect(
            result.candidates.map(\.url) == [
                "https://img.example/c_fill,w_480/x.jpg", "https://img.example/c_fill,w_960/x.jpg",
            ]
        )
        // A comma right after a descriptor ends the candidate; the next URL keeps its inner comma.
        let spaced = SrcsetParser.parse("a.jpg 1x,b,c.jpg 2x")
        #expect(spaced.candidates.map(\.url) == ["a.jpg", "b,c.jpg"])
        let trailing = SrcsetParser.parse("a.jpg,,, b.jpg")
        #expect(trailing.candidates.map(\.url) == ["a.jpg", "b.jpg"])
    }

    @Test func keepsTheURLExactlyAsWritten() {
        let result = SrcsetParser.parse("  /img/a%20b.jpg?w=1&amp;h=2  1x ")
        #expect(result.candidates == [SrcsetCandidate(url: "/img/a%20b.jpg?w=1&amp;h=2", density: 1)])
    }

    @Test func reportsHeightWithoutWidthNamingTheCandidate() {
        let result = SrcsetParser.parse("a.jpg 100h, b.jpg 1x")
        #expect(result.candidates.map(\.url) == ["b.jpg"])
        #expect(result.problems.count == 1)
        #expect(result.problems[0].contains("\"a.jpg\""))
        #expect(result.problems[0].contains("height without a width"))
    }

    @Test(arguments: [
        ("a.jpg 1w 2w", "repeats the width"),
        ("a.jpg 2x 2x", "repeats the density"),
        ("a.jpg 10w 1h 2h", "repeats the height"),
        ("a.jpg 10w 2x", "density next to a width"),
        ("a.jpg 2x 10w", "width next to a density"),
        ("a.jpg 0w", "zero width"),
        ("a.jpg 10w 0h", "zero height"),
        ("a.jpg -2x", "negative density"),
        ("a.jpg 1.5w", "not a valid width"),
        ("a.jpg 1.x", "not a valid density"),
        ("a.jpg big", "not a w, x or h descriptor"),
        ("a.jpg 99999999999999999999999w", "too large"),
    ])
    func dropsInvalidCandidateWithAReadableProblem(srcset: String, fragment: String) {
        let result = SrcsetParser.parse(srcset)
        #expect(result.candidates.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.contains(fragment) == true, "\(result.problems)")
        #expect(result.problems.first?.contains("\"a.jpg\"") == true)
    }

    @Test func readsFloatingPointDensitiesAsTheHTMLGrammarAllows() {
        let result = SrcsetParser.parse("a 1e1x, b .25x, c 1.5E-1x, d -0x, e 0x")
        #expect(result.candidates.map(\.density) == [10, 0.25, 0.15, 0, 0])
        #expect(SrcsetParser.parse("a 1e400x").candidates.isEmpty)
    }

    @Test func descriptorsInParenthesesKeepTheirCommasAndSpaces() {
        // The future-compatible parenthesized syntax is tokenized as one descriptor, which we then reject.
        let result = SrcsetParser.parse("a.jpg (foo, bar) , b.jpg 2x")
        #expect(result.candidates.map(\.url) == ["b.jpg"])
        #expect(result.problems.first?.contains("(foo, bar)") == true)
    }

    @Test func shortensVeryLongValuesInProblems() {
        let url = String(repeating: "x", count: 500)
        let result = SrcsetParser.parse("\(url) 0w")
        #expect(result.problems.count == 1)
        #expect((result.problems.first?.count ?? 0) < 300)
    }

    // MARK: web-platform-tests select-an-image-source.html

    @Test(arguments: WPTSelectCases.duplicates)
    func wptSelectKeepsTheFirstOfEqualDensities(srcset: String, sizes: String?, expected: String) {
        #expect(Self.browserPick(srcset, sizes: sizes) == expected)
    }

    @Test func wptSelectKeepsTheFirstOfEqualDensitiesInAPictureSource() {
        let candidates = SrcsetParser.parse("data:,a 1x, data:,b 1x").candidates.map {
            ImageCandidate(url: $0.url, density: $0.density)
        }
        let image = ImageSet(
            line: 1,
            sources: [
                ImageSource(element: .source, attribute: .srcset, candidates: candidates),
                ImageSource(element: .img, attribute: .src, candidates: []),
            ]
        )
        #expect(VariantSelector.select(image, options: SelectionOptions()).map(\.url) == ["data:,a"])
    }
}
