import AssetParser
import Testing

/// Tokenizer behaviour, observed through the images the parser finds.
@Suite
struct HTMLTokenizerTests {
    private func names(_ html: String) -> [String] {
        let prefix = "https://example.com/news/"
        return parseHTML(html).urls.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }
    }

    @Test
    func commentsHideMarkup() {
        #expect(names("<!-- <img src=a.jpg> --><img src=b.jpg>") == ["b.jpg"])
        #expect(names("<!-- -- > <img src=a.jpg> --!><img src=b.jpg>") == ["b.jpg"])
        #expect(names("<!-- <img src=a.jpg> -") == [])
    }

    @Test
    func abruptCommentsEndAtOnce() {
        #expect(names("<!--><img src=a.jpg>") == ["a.jpg"])
        #expect(names("<!---><img src=b.jpg>") == ["b.jpg"])
        #expect(names("<!----><img src=c.jpg>") == ["c.jpg"])
    }

    @Test
    func bogusCommentsEndAtTheFirstGreaterThan() {
        #expect(names("<!DOCTYPE html><img src=a.jpg>") == ["a.jpg"])
        #expect(names(#"<?xml version="1.0"?><img src=b.jpg>"#) == ["b.jpg"])
        #expect(names(#"<?php echo "<img src=c.jpg"; ?><img src=d.jpg>"#) == ["d.jpg"])
        #expect(names("</ <img src=e.jpg><img src=f.jpg>") == ["f.jpg"])
        #expect(names("<![CDATA[ x ]]><img src=g.jpg>") == ["g.jpg"])
        #expect(names("<!-x <img src=h.jpg>") == [])
    }

    @Test
    func rawTextElementsHideMarkup() {
        #expect(names(#"<script>document.write("<img src=a.jpg>")</script><img src=b.jpg>"#) == ["b.jpg"])
        #expect(names("<style>/* <img src=a.jpg> */</style><img src=c.jpg>") == ["c.jpg"])
        #expect(names("<textarea><img src=a.jpg></textarea><img src=d.jpg>") == ["d.jpg"])
        #expect(names("<title><img src=a.jpg></title><img src=e.jpg>") == ["e.jpg"])
        #expect(names("<SCRIPT type=x>1 < 2 </scripty> <img src=a.jpg></Script ><img src=f.jpg>") == ["f.jpg"])
        #expect(names(#"<script></script foo=">"><img src=g.jpg>"#) == ["g.jpg"])
        #expect(names("<script><img src=a.jpg>") == [])
    }

    @Test
    func noscriptContentIsMarkup() {
        #expect(names("<noscript><img src=a.jpg></noscript>") == ["a.jpg"])
    }

    @Test
    func attributeValueQuotingStyles() {
        #expect(names(#"<img alt="x>y" src="a.jpg">"#) == ["a.jpg"])
        #expect(names(#"<img alt='x>"y' src='b.jpg'>"#) == ["b.jpg"])
        #expect(names("<img src=c.jpg>") == ["c.jpg"])
        #expect(names("<img src = \"d.jpg\"\n>") == ["d.jpg"])
        #expect(names("<img src=e.jpg alt=x>") == ["e.jpg"])
        #expect(names(#"<img src="f.jpg"alt="x">"#) == ["f.jpg"])
    }

    @Test
    func unquotedValueKeepsATrailingSlash() {
        #expect(names("<img src=a.jpg/>") == ["a.jpg/"])
        #expect(names("<img src=\"a.jpg\"/>") == ["a.jpg"])
    }

    @Test
    func firstOfDuplicateAttributesWins() {
        #expect(names(#"<img src="a.jpg" SRC="b.jpg" srcset="c.jpg 2x" srcset="d.jpg 3x">"#) == ["c.jpg", "a.jpg"])
    }

    @Test
    func namesAreCaseInsensitive() {
        #expect(names(#"<IMG SRC="a.jpg" SrcSet="b.jpg 2x">"#) == ["b.jpg", "a.jpg"])
    }

    @Test
    func attributeWithoutValueIsEmpty() {
        #expect(names("<img srcset src=a.jpg>") == ["a.jpg"])
        #expect(names("<img src>") == [])
    }

    @Test
    func equalsSignStartingAnAttributeNameIsPartOfTheName() {
        #expect(names("<img =src=a.jpg src=b.jpg>") == ["b.jpg"])
    }

    @Test
    func otherTagsAndLongNamesAreNotImages() {
        #expect(names("<imgx src=a.jpg><i src=b.jpg><image src=c.jpg><sourcesx srcset=d.jpg>") == [])
    }

    @Test
    func aLoneLessThanIsText() {
        #expect(names("1 < 2 <3 <img src=a.jpg>") == ["a.jpg"])
    }

    @Test
    func unfinishedTagAtEndIsDropped() {
        #expect(names(#"<img src=a.jpg><img src="b.jpg"#) == ["a.jpg"])
    }

    @Test
    func linesCountFromOneAtTheTagStart() {
        let result = parseHTML("<p>\n<img src=a.jpg>\r\n\n<img\nsrc=b.jpg>\n<!--\n\n--><img src=c.jpg>")
        #expect(result.images.map(\.line) == [2, 4, 8])
    }
}
