import AssetParser
import Testing

/// Which elements and attributes become image sets, and how their URLs resolve.
@Suite
struct ArticleParserTests {
    @Test
    func imgSrcsetWithSizesIsOneSource() throws {
        let result = parseHTML(#"<img srcset="a-1.jpg 100w, /b-2.jpg 200w" sizes="(min-width: 50em) 50vw, 100vw">"#)
        let image = try #require(result.images.first)
        #expect(result.images.count == 1)
        #expect(image.sources.count == 1)
        let source = image.sources[0]
        #expect(source.element == .img)
        #expect(source.attribute == .srcset)
        #expect(source.sizes == "(min-width: 50em) 50vw, 100vw")
        #expect(source.candidates.map(\.url) == ["https://example.com/news/a-1.jpg", "https://example.com/b-2.jpg"])
        #expect(source.candidates.map(\.width) == [100, 200])
        #expect(source.candidates.allSatisfy { $0.isSelectable })
    }

    @Test
    func loneSrcIsOneCandidate() throws {
        let image = try #require(parseHTML("<img src='  pic.png  '>").images.first)
        #expect(image.sources.map(\.attribute) == [.src])
        #expect(image.sources[0].candidates == [ImageCandidate(url: "https://example.com/news/pic.png")])
    }

    @Test
    func lazyAttributesComeBeforeNativeOnes() throws {
        let html =
            #"<img src="s.jpg" srcset="n.jpg 1x" data-src="d.jpg" data-srcset="l.jpg 1x" data-lazy-srcset="z.jpg 1x">"#
        let image = try #require(parseHTML(html).images.first)
        #expect(image.sources.map(\.attribute) == [.dataLazySrcset, .dataSrcset, .srcset, .dataSrc, .src])
    }

    @Test
    func dataURLPlaceholderIsDroppedOnlyForLazyImages() throws {
        let gif = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
        let lazy = try #require(parseHTML(#"<img src="\#(gif)" data-src="real.jpg">"#).images.first)
        #expect(lazy.sources.map(\.attribute) == [.dataSrc])
        let plain = try #require(parseHTML(#"<img src="\#(gif)">"#).images.first)
        #expect(plain.sources.map(\.attribute) == [.src])
        #expect(plain.sources[0].candidates[0].isSelectable)
    }

    @Test
    func emptyOrMissingSrcsetGivesNoSource() {
        #expect(parseHTML(#"<img srcset="" sizes="100vw">"#).images.isEmpty)
        #expect(parseHTML(#"<img srcset="  " data-srcset="">"#).images.isEmpty)
        #expect(parseHTML(#"<img alt="x">"#).images.isEmpty)
    }

    @Test
    func pictureGroupsSourcesWithItsImg() throws {
        let html = """
            <p>intro</p>
            <picture>
              <source srcset="a.avif 1x" type="image/avif" media="(min-width: 800px)">
              <source srcset="a.webp 1x" type=image/webp>
              <img src="a.jpg" srcset="a2.jpg 2x">
            </picture>
            <img src="after.jpg">
            """
        let result = parseHTML(html)
        #expect(result.images.count == 2)
        let picture = try #require(result.images.first)
        #expect(picture.line == 2)
        #expect(picture.sources.map(\.element) == [.source, .source, .img, .img])
        #expect(picture.sources.map(\.attribute) == [.srcset, .srcset, .srcset, .src])
        #expect(picture.sources[0].type == "image/avif")
        #expect(picture.sources[0].media == "(min-width: 800px)")
        #expect(picture.sources[1].type == "image/webp")
        #expect(picture.sources[1].media == nil)
        #expect(result.images[1].sources.map(\.element) == [.img])
        #expect(result.images[1].line == 7)
    }

    @Test
    func nestedAndUnclosedPicturesKeepTheirOwnSources() {
        let html = """
            <picture><source srcset="outer.jpg 1x">\
            <picture><source srcset="inner.jpg 1x"><img src="inner-img.jpg"></picture>\
            <img src="outer-img.jpg"></picture>\
            <picture><source srcset="open.jpg 1x"><img src="open-img.jpg">
            """
        let result = parseHTML(html)
        let names = result.images.map { $0.sources.map { $0.candidates[0].url.split(separator: "/").last ?? "" } }
        #expect(
            names == [["inner.jpg", "inner-img.jpg"], ["outer.jpg", "outer-img.jpg"], ["open.jpg", "open-img.jpg"]]
        )
    }

    @Test
    func sourceOutsidePictureAndPictureWithoutImgGiveNothing() {
        #expect(parseHTML(#"<video><source src="v.mp4" srcset="x.jpg 1x"></video>"#).images.isEmpty)
        #expect(parseHTML(#"<picture><source srcset="x.jpg 1x"></picture>"#).images.isEmpty)
    }

    @Test
    func imgInNoscriptInsidePictureStandsAlone() {
        let html =
            #"<picture><source srcset="s.jpg 1x"><noscript><img src="n.jpg"></noscript><img src="i.jpg"></picture>"#
        let result = parseHTML(html)
        #expect(result.images.map { $0.sources.count } == [1, 2])
        #expect(result.images.first?.sources.first?.attribute == .src)
    }

    @Test
    func preloadLinkWithImagesrcset() throws {
        let html =
            #"<link rel="Preload Foo" AS=IMAGE imagesrcset="p-1.jpg 1x, p-2.jpg 2x" imagesizes="50vw" href="p.jpg">"#
        let image = try #require(parseHTML(html).images.first)
        #expect(image.sources.map(\.element) == [.link])
        #expect(image.sources.map(\.attribute) == [.imagesrcset])
        #expect(image.sources[0].sizes == "50vw")
        #expect(image.sources[0].candidates.map(\.density) == [1, 2])
    }

    @Test
    func preloadLinkWithOnlyHref() throws {
        let image = try #require(parseHTML(#"<link rel=preload as=image href="hero.jpg">"#).images.first)
        #expect(image.sources.map(\.attribute) == [.href])
        #expect(image.sources[0].candidates.map(\.url) == ["https://example.com/news/hero.jpg"])
    }

    @Test
    func otherLinksAreIgnored() {
        let html = #"<link rel=stylesheet href=a.css><link rel=preload as=font href=f.woff><link rel=icon href=i.png>"#
        #expect(parseHTML(html).images.isEmpty)
    }

    @Test
    func firstBaseHrefWinsAndResolvesAgainstTheArticle() {
        let html = #"<base target=_top><base href="../media/"><base href="https://other.example/"><img src="x.jpg">"#
        let result = parseHTML(html)
        #expect(result.base == "https://example.com/media/")
        #expect(result.urls == ["https://example.com/media/x.jpg"])
    }

    @Test
    func baseAppliesToWhatFollowsIt() {
        let result = parseHTML(#"<img src="a.jpg"><base href="/m/"><img src="a.jpg"><img src="HTTPS://cdn.example/b">"#)
        #expect(
            result.urls == ["https://example.com/news/a.jpg", "https://example.com/m/a.jpg", "https://cdn.example/b"]
        )
    }

    @Test
    func absoluteBaseWorksWithoutArticleURL() {
        let result = parseHTML(#"<base href="https://cdn.example/a/"><img src="x.jpg">"#, base: nil)
        #expect(result.base == "https://cdn.example/a/")
        #expect(result.urls == ["https://cdn.example/a/x.jpg"])
    }

    @Test
    func resultBaseIsTheArticleURLWithoutBaseElement() {
        #expect(parseHTML("<p>").base == Corpus.base)
        #expect(parseHTML("<p>", base: nil).base == nil)
    }

    @Test
    func relativeURLWithoutBaseIsKeptUnselectableWithDiagnostic() throws {
        let result = parseHTML("<p>\n<img srcset=\"a.jpg 1x, https://cdn.example/b.jpg 2x\">", base: nil)
        let candidates = try #require(result.images.first?.sources.first?.candidates)
        #expect(candidates.map(\.url) == ["a.jpg", "https://cdn.example/b.jpg"])
        #expect(candidates.map(\.isSelectable) == [false, true])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.message.contains("a.jpg") == true)
    }

    @Test
    func nonHTTPSchemesAreKeptUnselectableWithDiagnostic() throws {
        let result = parseHTML(#"<img src="javascript:alert(1)"><img srcset="file:///etc/passwd 1x">"#)
        #expect(result.images.count == 2)
        #expect(result.images.allSatisfy { $0.sources.allSatisfy { $0.candidates.allSatisfy { !$0.isSelectable } } })
        #expect(result.diagnostics.count == 2)
    }

    @Test
    func invalidSrcsetCandidatesBecomeDiagnosticsOnTheElementLine() throws {
        let result = parseHTML("\n\n<img srcset=\"good.jpg 1x, bad.jpg 100w 2x\">")
        #expect(result.images.first?.sources.first?.candidates.count == 1)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.line == 3)
        #expect(diagnostic.message.hasPrefix("<img> srcset"))
    }

    @Test
    func oversizedAttributeIsDroppedWithDiagnostic() throws {
        let huge = String(repeating: "a", count: 1 << 20 + 10)
        let result = parseHTML(#"<img srcset="\#(huge).jpg 1x" src="small.jpg"><img src="next.jpg">"#)
        #expect(result.images.map { $0.sources.map(\.attribute) } == [[.src], [.src]])
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("srcset") == true)
    }
}
