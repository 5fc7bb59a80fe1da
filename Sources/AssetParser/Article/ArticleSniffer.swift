/// Tells HTML from plain text by looking at the start of an article.
enum ArticleSniffer {
    private static let markers: [[UInt8]] = [
        "<!doctype", "<html", "<head", "<body", "<meta", "<title", "<link", "<script", "<style", "<div", "<p>",
        "<p ", "<img", "<picture", "<source", "<br", "<span", "<a ", "<article", "<section", "<!--", "<table",
        "<ul", "<h1", "<h2", "<main", "<figure",
    ].map { Array($0.utf8) }

    /// Whether the bytes look like HTML: the first non-whitespace byte is `<`, or a common tag appears.
    /// - Parameter bytes: the start of the article (its first 1024 bytes or fewer).
    /// - Returns: `true` for HTML.
    static func looksLikeHTML(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first(where: { !$0.isHTMLWhitespace }) else { return false }
        if first == UInt8(ascii: "<") { return true }
        let lowered = bytes.map(\.asciiLowercased)
        for marker in markers where contains(lowered, marker) {
            return true
        }
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
