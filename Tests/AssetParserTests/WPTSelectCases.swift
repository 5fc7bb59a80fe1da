/// Test vectors re-expressed from web-platform-tests
/// `html/semantics/embedded-content/the-img-element/srcset/select-an-image-source.html`: srcset, sizes, and the
/// URL a browser at 1x picks.
enum WPTSelectCases {
    static let duplicates: [(String, String?, String)] = [
        ("data:,a 1x, data:,b 1x", nil, "data:,a"),
        ("data:,a , data:,b 1x", nil, "data:,a"),
        ("data:,a 1x, data:,b", nil, "data:,a"),
        ("data:,a 1w, data:,b 1w", nil, "data:,a"),
        ("data:,a 1w 1h, data:,b 1w", nil, "data:,a"),
        ("data:,a 1w, data:,b 1w 1h", nil, "data:,a"),
        ("data:,a 1w 1h, data:,b 1w 2h", nil, "data:,a"),
        ("data:,a 1w 2h, data:,b 1w 1h", nil, "data:,a"),
        ("data:,a , data:,b", nil, "data:,a"),
        ("data:,a 1w, data:,b 1x", "1px", "data:,a"),
        ("data:,a 1x, data:,b 1w", "1px", "data:,a"),
        ("data:,a 1w, data:,b 2x", "0.5px", "data:,a"),
        ("data:,a 2x, data:,b 1w", "0.5px", "data:,a"),
    ]
}
