/// Test vectors re-expressed from web-platform-tests
/// `html/semantics/embedded-content/the-img-element/srcset/parse-a-srcset-attribute.html`
/// (character references decoded): a srcset value and the URL, as written, that a browser at 1x picks;
/// `""` when no candidate is valid.
enum WPTSrcsetCases {
    static let splittingLoop: [(String, String)] = [
        ("", ""),
        (",", ""),
        (",,,", ""),
        ("  data:,a  1x  ", "data:,a"),
        ("\t\tdata:,a\t\t1x\t\t", "data:,a"),
        ("\n\ndata:,a\n\n1x\n\n", "data:,a"),
        ("\u{0B}\u{0B}data:,a\u{0B}\u{0B}1x\u{0B}\u{0B}", "\u{0B}\u{0B}data:,a\u{0B}\u{0B}1x\u{0B}\u{0B}"),
        ("\u{0C}\u{0C}data:,a\u{0C}\u{0C}1x\u{0C}\u{0C}", "data:,a"),
        ("\r\rdata:,a\r\r1x\r\r", "data:,a"),
        ("\u{0E}\u{0E}data:,a\u{0E}\u{0E}1x\u{0E}\u{0E}", "\u{0E}\u{0E}data:,a\u{0E}\u{0E}1x\u{0E}\u{0E}"),
        ("\u{0F}\u{0F}data:,a\u{0F}\u{0F}1x\u{0F}\u{0F}", "\u{0F}\u{0F}data:,a\u{0F}\u{0F}1x\u{0F}\u{0F}"),
        ("\u{10}\u{10}data:,a\u{10}\u{10}1x\u{10}\u{10}", "\u{10}\u{10}data:,a\u{10}\u{10}1x\u{10}\u{10}"),
        ("data:,a", "data:,a"),
        ("data:,a ", "data:,a"),
        ("data:,a ,", "data:,a"),
        ("data:,a,", "data:,a"),
        ("data:,a, ", "data:,a"),
        ("data:,a,,,", "data:,a"),
        ("data:,a,, , ", "data:,a"),
        (" data:,a", "data:,a"),
        (",,,data:,a", "data:,a"),
        (" , ,,data:,a", "data:,a"),
        ("\u{A0}data:,a", "\u{A0}data:,a"),
        ("data:,a\u{A0}", "data:,a\u{A0}"),
    ]

    static let descriptorTokenizer: [(String, String)] = [
        ("data:,a 1x", "data:,a"),
        ("data:,a 1x ", "data:,a"),
        ("data:,a 1x,", "data:,a"),
        ("data:,a ( , data:,b 1x, ), data:,c", "data:,c"),
        ("data:,a ((( , data:,b 1x, ), data:,c", "data:,c"),
        ("data:,a [ , data:,b 1x, ], data:,c", "data:,b"),
        ("data:,a { , data:,b 1x, }, data:,c", "data:,b"),
        ("data:,a \" , data:,b 1x, \", data:,c", "data:,b"),
        ("data:,a \\,data:;\\,b, data:,c", "data:;\\,b"),
        ("data:,a, data:,b (", "data:,a"),
        ("data:,a, data:,b (  ", "data:,a"),
        ("data:,a, data:,b (,", "data:,a"),
        ("data:,a, data:,b (x", "data:,a"),
        ("data:,a, data:,b ()", "data:,a"),
        ("data:,a (, data:,b", ""),
        ("data:,a /*, data:,b, data:,c */", "data:,b"),
        ("data:,a //, data:,b", "data:,b"),
    ]

    static let descriptorParser: [(String, String)] = [
        ("data:,a foo", ""),
        ("data:,a foo foo", ""),
        ("data:,a foo 1x", ""),
        ("data:,a foo 1x foo", ""),
        ("data:,a foo 1w", ""),
        ("data:,a foo 1w foo", ""),
        ("data:,a 1x 1x", ""),
        ("data:,a 1w 1w", ""),
        ("data:,a 1w 1x", ""),
        ("data:,a 1x 1w", ""),
        ("data:,a 1w 1h", "data:,a"),
        ("data:,a 1h 1w", "data:,a"),
        ("data:,a 1h 1h", ""),
        ("data:,a 1h 1x", ""),
        ("data:,a 1h 1w 1x", ""),
        ("data:,a 1x 1w 1h", ""),
        ("data:,a 1h", ""),
        ("data:,a 1h foo", ""),
        ("data:,a foo 1h", ""),
        ("data:,a 0w", ""),
        ("data:,a -1w", ""),
        ("data:,a 1w -1w", ""),
        ("data:,a 1.0w", ""),
        ("data:,a 1w 1.0w", ""),
        ("data:,a 1e0w", ""),
        ("data:,a 1w 1e0w", ""),
        ("data:,a 1www", ""),
        ("data:,a 1w 1www", ""),
        ("data:,a +1w", ""),
        ("data:,a 1w +1w", ""),
        ("data:,a 1W", ""),
        ("data:,a 1w 1W", ""),
        ("data:,a Infinityw", ""),
        ("data:,a 1w Infinityw", ""),
        ("data:,a NaNw", ""),
        ("data:,a 1w NaNw", ""),
        ("data:,a 0x1w", ""),
        ("data:,a 0X1w", ""),
        ("data:,a 0x", "data:,a"),
        ("data:,a -0x", "data:,a"),
        ("data:,a 1x -0x", ""),
        ("data:,a -1x", ""),
        ("data:,a 1x -1x", ""),
        ("data:,a 1e0x", "data:,a"),
        ("data:,a 1E0x", "data:,a"),
        ("data:,a 1e-1x", "data:,a"),
        ("data:,a 1.5e1x", "data:,a"),
        ("data:,a -x", ""),
        ("data:,a .x", ""),
        ("data:,a -.x", ""),
        ("data:,a 1.x", ""),
        ("data:,a .5x", "data:,a"),
        ("data:,a .5e1x", "data:,a"),
        ("data:,a 1x 1.5e1x", ""),
        ("data:,a 1x 1e1.5x", ""),
        ("data:,a 1.0x", "data:,a"),
        ("data:,a 1x 1.0x", ""),
        ("data:,a +1x", ""),
        ("data:,a 1X", ""),
        ("data:,a Infinityx", ""),
        ("data:,a NaNx", ""),
        ("data:,a 0x1x", ""),
        ("data:,a 0X1x", ""),
        ("data:,a 1w 0h", ""),
        ("data:,a 1w -1h", ""),
        ("data:,a 1w 1.0h", ""),
        ("data:,a 1w 1e0h", ""),
        ("data:,a 1w 1hhh", ""),
        ("data:,a 1w +1h", ""),
        ("data:,a 1w 1H", ""),
        ("data:,a 1w Infinityh", ""),
        ("data:,a 1w NaNh", ""),
        ("data:,a 0x1h", ""),
        ("data:,a 0X1h", ""),
    ]

    /// The characters the WPT file puts before or after a descriptor's number (none is ASCII whitespace, so
    /// each makes the descriptor invalid): U+0001, U+00A0, U+1680, U+2000–U+200A, U+200C, U+200D, U+202F,
    /// U+205F, U+3000, U+FEFF.
    static let nonASCIISpaces: [Unicode.Scalar] =
        ["\u{01}", "\u{A0}", "\u{1680}"] + (0x2000...0x200A).compactMap(Unicode.Scalar.init)
        + ["\u{200C}", "\u{200D}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}"]

    /// `data:,a 1<c>w`, `data:,a <c>1w`, the same for `x`, and `data:,a 1w 1<c>h`, `data:,a 1w <c>1h`: all drop.
    static var strangeSpaces: [String] {
        nonASCIISpaces.flatMap { scalar -> [String] in
            let c = String(scalar)
            return [
                "data:,a 1\(c)w", "data:,a \(c)1w", "data:,a 1\(c)x", "data:,a \(c)1x",
                "data:,a 1w 1\(c)h", "data:,a 1w \(c)1h",
            ]
        }
    }
}
