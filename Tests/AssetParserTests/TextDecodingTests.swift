import AssetParser
import Testing

@Suite
struct TextDecodingTests {
    @Test(arguments: [
        ("windows-1251", "windows-1251"), ("CP1251", "windows-1251"), (" x-cp1251\n", "windows-1251"),
        ("koi8-r", "koi8-r"), ("KOI8", "koi8-r"), ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"),
        ("us-ascii", "windows-1252"), ("utf8", "utf-8"), ("UTF-8", "utf-8"),
    ])
    func labelsMapToWHATWGEncodings(label: String, name: String) {
        #expect(TextEncoding(label: label)?.name == name)
    }

    @Test(arguments: ["", "klingon", "utf-7", "iso-8859-5x"])
    func unknownLabelsAreRejected(label: String) {
        #expect(TextEncoding(label: label) == nil)
    }

    // "Привет" in cp1251 and koi8-r (checked with Python's codecs).
    @Test
    func singleByteEncodingsDecodeCyrillic() {
        #expect(TextEncoding.windows1251.decode([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2][...]) == "Привет")
        #expect(TextEncoding.koi8R.decode([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4][...]) == "Привет")
    }

    @Test
    func windows1252KeepsUndefinedBytesAsControls() {
        #expect(TextEncoding.windows1252.decode([0x80, 0x81, 0xE9, 0x41][...]) == "\u{20AC}\u{81}\u{E9}A")
    }

    @Test
    func invalidUTF8BecomesReplacementCharacter() {
        #expect(TextEncoding.utf8.decode([0x61, 0xFF, 0x62, 0xC3][...]) == "a\u{FFFD}b\u{FFFD}")
    }

    private func parse(_ bytes: [UInt8]) -> ArticleParseResult {
        ArticleParser(baseURL: Corpus.base, format: .html).parse(bytes)
    }

    /// `<img srcset="a.jpg 1x" sizes="…">` with the sizes value given as raw bytes.
    private func imageWithSizes(_ sizes: [UInt8]) -> [UInt8] {
        Array(#"<img srcset="a.jpg 1x" sizes=""#.utf8) + sizes + Array(#"">"#.utf8)
    }

    @Test
    func metaCharsetSelectsWindows1251() {
        let bytes = Array(#"<meta charset="windows-1251">"#.utf8) + imageWithSizes([0xC4, 0xE0])
        let result = parse(bytes)
        #expect(result.encoding == "windows-1251")
        #expect(result.images.first?.sources.first?.sizes == "Да")
    }

    @Test
    func referencesAreDecodedBetweenSingleByteText() {
        let sizes: [UInt8] = Array("&amp;".utf8) + [0xC4] + Array("&#x414;&copy".utf8) + [0xE0]
        let result = parse(Array(#"<meta charset="windows-1251">"#.utf8) + imageWithSizes(sizes))
        #expect(result.images.first?.sources.first?.sizes == "&ДД\u{A9}а")
    }

    @Test
    func metaHTTPEquivContentTypeSelectsKOI8R() {
        let meta = #"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; Charset='koi8-r'">"#
        let result = parse(Array(meta.utf8) + imageWithSizes([0xE4, 0xC1]))
        #expect(result.encoding == "koi8-r")
        #expect(result.images.first?.sources.first?.sizes == "Да")
    }

    @Test
    func latin1LabelDecodesAsWindows1252() {
        let result = parse(Array(#"<meta charset=iso-8859-1>"#.utf8) + imageWithSizes([0x80, 0xE9]))
        #expect(result.encoding == "windows-1252")
        #expect(result.images.first?.sources.first?.sizes == "\u{20AC}\u{E9}")
    }

    @Test
    func byteOrderMarkWinsOverMeta() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array(#"<meta charset="windows-1251">"#.utf8) + imageWithSizes([0xD0, 0x94])
        let result = parse(bytes)
        #expect(result.encoding == "utf-8")
        #expect(result.images.first?.sources.first?.sizes == "Д")
    }

    @Test
    func firstMetaWinsAndUnknownLabelsAreReported() {
        let html = #"<meta charset="x-klingon"><meta charset="koi8-r"><meta charset="windows-1251">"#
        let result = parse(Array(html.utf8))
        #expect(result.encoding == "koi8-r")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("x-klingon") == true)
    }

    @Test
    func defaultIsUTF8WithInvalidBytesReplaced() {
        let result = parse(imageWithSizes([0x41, 0xFF]))
        #expect(result.encoding == "utf-8")
        #expect(result.images.first?.sources.first?.sizes == "A\u{FFFD}")
    }
}
