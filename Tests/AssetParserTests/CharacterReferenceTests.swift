import AssetParser
import Testing

@Suite
struct CharacterReferenceTests {
    @Test
    func ampersandInQueryStringIsDecoded() {
        #expect(CharacterReferences.decode("a?x=1&amp;y=2", in: .attribute) == "a?x=1&y=2")
    }

    // Expected values from Python's html.entities.html5 (the table the generator reads).
    @Test(arguments: [
        ("&CounterClockwiseContourIntegral;", "\u{2233}"),
        ("&NotNestedGreaterGreater;", "\u{2AA2}\u{0338}"),
        ("&fjlig;", "fj"),
        ("&Aacute;", "\u{C1}"),
        ("&lt;&gt;&quot;&apos;", "<>\"'"),
        ("&zwnj;", "\u{200C}"),
    ])
    func namedReferencesComeFromTheFullHTML5Table(input: String, expected: String) {
        #expect(CharacterReferences.decode(input, in: .attribute) == expected)
        #expect(CharacterReferences.decode(input, in: .text) == expected)
    }

    @Test
    func legacyNameWithoutSemicolonIsDecodedWhenNothingAlphanumericFollows() {
        #expect(CharacterReferences.decode("a &amp b", in: .attribute) == "a & b")
        #expect(CharacterReferences.decode("&copy", in: .attribute) == "\u{A9}")
        #expect(CharacterReferences.decode("x&lt/y", in: .attribute) == "x</y")
    }

    @Test
    func legacyNameFollowedByEqualsOrAlphanumericStaysInAttributes() {
        #expect(CharacterReferences.decode("p?a=1&copy=2", in: .attribute) == "p?a=1&copy=2")
        #expect(CharacterReferences.decode("p?a=1&copyx", in: .attribute) == "p?a=1&copyx")
        #expect(CharacterReferences.decode("&notit;", in: .attribute) == "&notit;")
    }

    @Test
    func legacyNameIsDecodedAsPrefixInText() {
        #expect(CharacterReferences.decode("p?a=1&copy=2", in: .text) == "p?a=1\u{A9}=2")
        #expect(CharacterReferences.decode("&notit;", in: .text) == "\u{AC}it;")
    }

    @Test(arguments: ["&foo;", "&", "&;", "& amp;", "&#;", "&#x;", "&#xg;", "AT&T"])
    func textThatIsNoReferenceStaysAsWritten(input: String) {
        #expect(CharacterReferences.decode(input, in: .attribute) == input)
    }

    // Expected values from the HTML standard, "numeric character reference end state".
    @Test(arguments: [
        ("&#65;", "A"),
        ("&#x41", "A"),
        ("&#X41;b", "Ab"),
        ("&#0065;", "A"),
        ("&#0;", "\u{FFFD}"),
        ("&#xD800;", "\u{FFFD}"),
        ("&#xDFFF;", "\u{FFFD}"),
        ("&#x110000;", "\u{FFFD}"),
        ("&#99999999999999999999;", "\u{FFFD}"),
        ("&#x80;", "\u{20AC}"),
        ("&#x9F;", "\u{178}"),
        ("&#x81;", "\u{81}"),
        ("&#1;", "\u{1}"),
        ("&#x0D;", "\u{D}"),
        ("&#x7F;", "\u{7F}"),
        ("&#xFFFF;", "\u{FFFF}"),
        ("&#x10FFFF;", "\u{10FFFF}"),
    ])
    func numericReferencesFollowTheStandard(input: String, expected: String) {
        #expect(CharacterReferences.decode(input, in: .attribute) == expected)
    }

    @Test
    func referencesInAttributeValuesAreDecodedByTheParser() throws {
        let result = parseHTML(#"<img src="https://cdn.example/a.jpg?w=1&amp;h=2&#38;q=3&copy=4">"#)
        #expect(result.urls == ["https://cdn.example/a.jpg?w=1&h=2&q=3&copy=4"])
    }
}
