import AssetParser
import Testing

@Suite struct VariantSelectorTests {
    static func candidate(_ url: String, w: Int? = nil, x: Double? = nil, selectable: Bool = true) -> ImageCandidate {
        ImageCandidate(url: url, width: w, density: x, isSelectable: selectable)
    }

    static func img(_ candidates: [ImageCandidate], sizes: String? = nil, attribute: SourceAttribute = .srcset)
        -> ImageSource
    {
        ImageSource(element: .img, attribute: attribute, sizes: sizes, candidates: candidates)
    }

    static func pick(_ sources: [ImageSource], _ options: SelectionOptions = SelectionOptions()) -> [String] {
        VariantSelector.select(ImageSet(line: 1, sources: sources), options: options).map(\.url)
    }

    static let widths = [
        candidate("s", w: 320), candidate("m", w: 640), candidate("l", w: 1280), candidate("xl", w: 2560),
    ]

    // MARK: fit

    @Test(arguments: [
        (1.0, "a1"),
        (1.5, "a2"),
        (2.0, "a2"),
        (2.5, "a3"),
        (4.0, "a3"),  // above every density: the largest
        (0.5, "a1"),
    ])
    func fitPicksTheSmallestDensityAtLeastTheDPR(dpr: Double, expected: String) {
        let sources = [Self.img([Self.candidate("a2", x: 2), Self.candidate("a1", x: 1), Self.candidate("a3", x: 3)])]
        #expect(Self.pick(sources, SelectionOptions(dpr: dpr)) == [expected])
    }

    @Test func fitTurnsWidthsIntoDensitiesWithTheDisplayWidth() {
        let sources = [Self.img(Self.widths, sizes: "100vw")]
        #expect(Self.pick(sources, SelectionOptions(width: 600)) == ["m"])
        #expect(Self.pick(sources, SelectionOptions(width: 600, dpr: 2)) == ["l"])
        #expect(Self.pick(sources, SelectionOptions(width: 320)) == ["s"])
        #expect(Self.pick(sources, SelectionOptions(width: 3000)) == ["xl"])
    }

    @Test func fitUsesSizesWhenNoWidthIsGiven() {
        let sources = [Self.img(Self.widths, sizes: "(max-width: 700px) 100vw, 300px")]
        #expect(Self.pick(sources, SelectionOptions(viewport: 1280)) == ["s"])
        #expect(Self.pick(sources, SelectionOptions(viewport: 600)) == ["m"])
        #expect(Self.pick(sources, SelectionOptions(dpr: 2, viewport: 1280)) == ["m"])
    }

    @Test func fitUsesTheViewportWidthWithoutSizes() {
        let sources = [Self.img(Self.widths)]
        #expect(Self.pick(sources, SelectionOptions(viewport: 1280)) == ["l"])
        #expect(Self.pick(sources, SelectionOptions(viewport: 1000)) == ["l"])
        #expect(Self.pick(sources, SelectionOptions(viewport: 500)) == ["m"])
    }

    @Test func fitTreatsAMissingDescriptorAsOneX() {
        let sources = [Self.img([Self.candidate("hi", x: 2), Self.candidate("plain")])]
        #expect(Self.pick(sources) == ["plain"])
        #expect(Self.pick(sources, SelectionOptions(dpr: 2)) == ["hi"])
    }

    @Test func fitDropsLaterDuplicatesOfADensity() {
        let sources = [Self.img([Self.candidate("first", w: 640), Self.candidate("second", x: 1)])]
        #expect(Self.pick(sources, SelectionOptions(width: 640)) == ["first"])
    }

    // MARK: largest, smallest, all

    @Test func largestAndSmallestGoByWidth() {
        let sources = [Self.img([Self.widths[1], Self.widths[3], Self.widths[0], Self.widths[2]], sizes: "10px")]
        #expect(Self.pick(sources, SelectionOptions(policy: .largest)) == ["xl"])
        #expect(Self.pick(sources, SelectionOptions(policy: .smallest)) == ["s"])
    }

    @Test func largestAndSmallestGoByDensityWithoutWidths() {
        let sources = [
            Self.img([Self.candidate("one"), Self.candidate("three", x: 3), Self.candidate("half", x: 0.5)])
        ]
        #expect(Self.pick(sources, SelectionOptions(policy: .largest)) == ["three"])
        #expect(Self.pick(sources, SelectionOptions(policy: .smallest)) == ["half"])
    }

    @Test func allReturnsEverySelectableCandidateOfEverySourceOnce() {
        let sources = [
            ImageSource(element: .source, attribute: .srcset, media: "print", candidates: [Self.candidate("p", x: 1)]),
            Self.img([
                Self.candidate("a", w: 100), Self.candidate("b", w: 200), Self.candidate("bad", selectable: false),
            ]),
            Self.img([Self.candidate("a")], attribute: .src),
        ]
        #expect(Self.pick(sources, SelectionOptions(policy: .all)) == ["p", "a", "b"])
    }

    // MARK: selectability

    @Test func neverReturnsAnUnselectableCandidate() {
        let sources = [Self.img([Self.candidate("file:///x", x: 1, selectable: false), Self.candidate("ok", x: 2)])]
        for policy in SelectionPolicy.allCases {
            #expect(Self.pick(sources, SelectionOptions(policy: policy)) == ["ok"])
        }
    }

    @Test func returnsNothingWhenNothingIsSelectable() {
        let sources = [Self.img([Self.candidate("rel.jpg", selectable: false)])]
        for policy in SelectionPolicy.allCases {
            #expect(Self.pick(sources, SelectionOptions(policy: policy)).isEmpty)
        }
        #expect(Self.pick([]).isEmpty)
    }

    // MARK: <picture>

    @Test func pictureTakesTheFirstSourceWhoseMediaMatches() {
        let sources = [
            ImageSource(
                element: .source,
                attribute: .srcset,
                media: "(max-width: 600px)",
                candidates: [Self.candidate("narrow")]
            ),
            ImageSource(
                element: .source,
                attribute: .srcset,
                media: "(min-width: 601px)",
                candidates: [Self.candidate("wide")]
            ),
            Self.img([Self.candidate("fallback")]),
        ]
        #expect(Self.pick(sources, SelectionOptions(viewport: 500)) == ["narrow"])
        #expect(Self.pick(sources, SelectionOptions(viewport: 1280)) == ["wide"])
    }

    @Test func pictureSkipsSourcesWithTypesWeDoNotAccept() {
        let sources = [
            ImageSource(element: .source, attribute: .srcset, type: "image/jxl", candidates: [Self.candidate("jxl")]),
            ImageSource(element: .source, attribute: .srcset, type: "video/mp4", candidates: [Self.candidate("mp4")]),
            ImageSource(element: .source, attribute: .srcset, type: "image/webp", candidates: [Self.candidate("webp")]),
            Self.img([Self.candidate("jpeg")]),
        ]
        #expect(Self.pick(sources) == ["jxl"])
        #expect(Self.pick(sources, SelectionOptions(acceptedTypes: ["image/webp", "image/jpeg"])) == ["webp"])
        #expect(Self.pick(sources, SelectionOptions(acceptedTypes: ["image/jpeg"])) == ["jpeg"])
        #expect(Self.pick(sources, SelectionOptions(acceptedTypes: ["image/*"])) == ["jxl"])
    }

    @Test func typeParametersAndCaseDoNotMatter() {
        #expect(VariantSelector.isAccepted(type: " IMAGE/WebP ; codecs=x", accepted: ["image/webp"]))
        #expect(VariantSelector.isAccepted(type: "image/avif", accepted: nil))
        #expect(!VariantSelector.isAccepted(type: "image/", accepted: nil))
        #expect(!VariantSelector.isAccepted(type: "text/html", accepted: nil))
    }

    @Test func pictureSkipsSourcesWithoutSelectableCandidates() {
        let sources = [
            ImageSource(element: .source, attribute: .srcset, candidates: []),
            ImageSource(element: .source, attribute: .srcset, candidates: [Self.candidate("x", selectable: false)]),
            Self.img([Self.candidate("fallback")]),
        ]
        #expect(Self.pick(sources) == ["fallback"])
    }

    @Test func pictureSourceUsesItsOwnSizes() {
        let sources = [
            ImageSource(element: .source, attribute: .srcset, sizes: "300px", candidates: Self.widths),
            Self.img([Self.candidate("fallback")], sizes: "100vw"),
        ]
        #expect(Self.pick(sources) == ["s"])
    }

    // MARK: <img> with several attributes

    @Test func srcJoinsAsOneXWhenTheSrcsetHasNoOneXAndNoWidths() {
        let srcset = Self.img([Self.candidate("double", x: 2)])
        let src = Self.img([Self.candidate("src")], attribute: .src)
        #expect(Self.pick([srcset, src]) == ["src"])
        #expect(Self.pick([srcset, src], SelectionOptions(dpr: 2)) == ["double"])
    }

    @Test func srcIsIgnoredWhenTheSrcsetHasOneXOrWidths() {
        let src = Self.img([Self.candidate("src")], attribute: .src)
        let withOneX = Self.img([Self.candidate("one", x: 1), Self.candidate("two", x: 2)])
        #expect(Self.pick([withOneX, src]) == ["one"])
        let implicitOneX = Self.img([Self.candidate("implicit"), Self.candidate("two", x: 2)])
        #expect(Self.pick([implicitOneX, src]) == ["implicit"])
        let withWidths = Self.img([Self.candidate("w", w: 2000)])
        #expect(Self.pick([withWidths, src]) == ["w"])
    }

    @Test func srcAloneIsTheImage() {
        #expect(Self.pick([Self.img([Self.candidate("only")], attribute: .src)]) == ["only"])
    }

    @Test func lazyLoadingAttributesWinOverPlaceholders() {
        let placeholder = Self.img([Self.candidate("data:image/gif;base64,R0lGOD")])
        let lazy = Self.img([Self.candidate("real-1x", x: 1), Self.candidate("real-2x", x: 2)], attribute: .dataSrcset)
        let lazier = Self.img([Self.candidate("lazier")], attribute: .dataLazySrcset)
        #expect(Self.pick([placeholder, lazy]) == ["real-1x"])
        #expect(Self.pick([placeholder, lazy, lazier]) == ["lazier"])
        let src = Self.img([Self.candidate("src")], attribute: .src)
        let dataSrc = Self.img([Self.candidate("data-src")], attribute: .dataSrc)
        #expect(Self.pick([src, dataSrc]) == ["data-src"])
    }

    @Test func linkAndTextSourcesAreTreatedLikeAnImg() {
        let link = ImageSource(element: .link, attribute: .imagesrcset, sizes: "50vw", candidates: Self.widths)
        #expect(Self.pick([link]) == ["m"])
        let text = ImageSource(element: .text, attribute: .text, candidates: Self.widths)
        #expect(Self.pick([text]) == ["l"])
        let href = ImageSource(element: .link, attribute: .href, candidates: [Self.candidate("preload")])
        #expect(Self.pick([href]) == ["preload"])
    }
}
