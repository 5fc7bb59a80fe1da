import AssetParser
import Testing

@Suite struct SizesParserTests {
    /// The frame of the WPT sizes test.
    static let wptViewport = Viewport(width: 1000, height: 1000)

    /// Which of `a 50w, b 51w` a browser in the WPT frame shows with this `sizes`.
    static func wptPick(_ sizes: String) -> String? {
        let image = ImageSet(
            line: 1,
            sources: [
                ImageSource(
                    element: .img,
                    attribute: .srcset,
                    sizes: sizes,
                    candidates: [ImageCandidate(url: "a", width: 50), ImageCandidate(url: "b", width: 51)]
                )
            ]
        )
        let options = SelectionOptions(viewport: 1000, viewportHeight: 1000)
        return VariantSelector.select(image, options: options).first?.url
    }

    // MARK: web-platform-tests sizes-iframed.sub.html

    @Test(arguments: WPTSizesCases.likeOnePixel)
    func wptSizesEquivalentToOnePixel(sizes: String) {
        #expect(Self.wptPick(sizes) == "a")
        #expect(SizesParser.evaluate(sizes, viewport: Self.wptViewport) < 50)
    }

    @Test(arguments: WPTSizesCases.likeFullViewport)
    func wptSizesEquivalentToTheDefault(sizes: String) {
        #expect(Self.wptPick(sizes) == "b")
        #expect(SizesParser.evaluate(sizes, viewport: Self.wptViewport) == 1000)
    }

    // MARK: Our own cases

    static let desktop = Viewport(width: 1280, height: 960)

    @Test(arguments: [
        ("300px", 300.0),
        ("50vw", 640),
        ("25vh", 240),
        ("10em", 160),
        ("10rem", 160),
        ("calc(100vw - 2rem)", 1248),
        ("calc((100vw - 40px) / 3)", 1240.0 / 3),
        ("calc(2 * 10px + 5px)", 25),
        ("calc(10px * 2 - 5px)", 15),
        ("calc(100vw - (2 * 20px))", 1240),
        ("calc(calc(50vw) + 10px)", 650),
        ("min(100vw, 600px)", 600),
        ("max(100px, 20vw)", 256),
        ("clamp(200px, 50vw, 800px)", 640),
        ("clamp(200px, 10vw, 800px)", 200),
        ("calc(-10px)", 0),
        ("CALC(1PX + 1Px)", 2),
        ("1in", 96),
        ("12pt", 16),
        ("2.54cm", 96),
    ])
    func evaluatesLengthsAndMath(sizes: String, expected: Double) {
        let value = SizesParser.evaluate(sizes, viewport: Self.desktop)
        #expect(abs(value - expected) < 1e-9, "\(sizes) gave \(value)")
    }

    @Test(arguments: [
        "calc(1px+2px)",  // + needs whitespace around it
        "calc(10px + 2)",  // length plus number
        "calc(10px * 2px)",  // length times length
        "calc(10px / 0)",  // division by zero
        "calc(10px / 2px)",  // divisor must be a number
        "calc(50%)",  // percentages are not allowed in sizes
        "calc()",
        "min(10px, 2)",
        "clamp(1px, 2px)",
        "calc(1px) 2px",  // a condition that is not a condition
    ])
    func invalidMathFallsBackToTheViewportWidth(sizes: String) {
        #expect(SizesParser.evaluate(sizes, viewport: Self.desktop) == 1280)
    }

    @Test func firstMatchingConditionWins() {
        let sizes = "(max-width: 600px) 100vw, (max-width: 1000px) 50vw, 33vw"
        #expect(SizesParser.evaluate(sizes, viewport: Viewport(width: 500, height: 400)) == 500)
        #expect(SizesParser.evaluate(sizes, viewport: Viewport(width: 800, height: 600)) == 400)
        #expect(abs(SizesParser.evaluate(sizes, viewport: Self.desktop) - 422.4) < 1e-9)
    }

    @Test func rangeSyntaxAndBooleanOperatorsInConditions() {
        let sizes = "(width >= 1200px) and (orientation: landscape) 800px, (400px < width < 1200px) 50vw, 100vw"
        #expect(SizesParser.evaluate(sizes, viewport: Self.desktop) == 800)
        #expect(SizesParser.evaluate(sizes, viewport: Viewport(width: 1280, height: 2000)) == 1280)
        #expect(SizesParser.evaluate(sizes, viewport: Viewport(width: 1000, height: 750)) == 500)
        #expect(SizesParser.evaluate(sizes, viewport: Viewport(width: 400, height: 300)) == 400)
    }

    @Test func autoIsSkippedForTheNextEntry() {
        #expect(SizesParser.evaluate("auto, 300px", viewport: Self.desktop) == 300)
        #expect(SizesParser.evaluate("auto", viewport: Self.desktop) == 1280)
    }

    @Test func deeplyNestedOrHugeValuesFallBackWithoutCrashing() {
        let deep = String(repeating: "(", count: 100_000) + "1px"
        #expect(SizesParser.evaluate(deep, viewport: Self.desktop) == 1280)
        let deepCalc = String(repeating: "calc(", count: 50_000) + "1px" + String(repeating: ")", count: 50_000)
        #expect(SizesParser.evaluate(deepCalc, viewport: Self.desktop) == 1280)
        let nested = String(repeating: "calc(", count: 10) + "1px" + String(repeating: ")", count: 10)
        #expect(SizesParser.evaluate(nested, viewport: Self.desktop) == 1)
        #expect(SizesParser.evaluate("1e999999px", viewport: Self.desktop) == 1280)
        #expect(MediaQueryList.matches(deep, viewport: Self.desktop) == false)
    }

    @Test func defaultViewportHeightIsThreeQuartersOfTheWidth() {
        #expect(Viewport(SelectionOptions(viewport: 1280)).height == 960)
        #expect(Viewport(SelectionOptions(viewport: 1280, viewportHeight: 700)).height == 700)
    }
}
