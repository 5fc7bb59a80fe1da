/// What kind of document an article is.
public enum ArticleFormat: String, Sendable, Hashable, CaseIterable {
    /// Decide from the first 1024 bytes: HTML when they start with `<` (after whitespace) or contain a common tag
    /// such as `<html`, `<!doctype`, `<body`, `<p>`, `<img`; plain text otherwise.
    case automatic
    /// HTML markup: tags, attributes and text nodes.
    case html
    /// Plain text: only srcset runs in the text are found.
    case text
}
