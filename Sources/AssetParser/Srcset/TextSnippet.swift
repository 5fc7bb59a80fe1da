/// Shortens values quoted in diagnostics so a huge attribute does not flood the report.
enum TextSnippet {
    /// The value in double quotes, cut to `limit` characters with an ellipsis when longer.
    static func quoted(_ text: String, limit: Int = 80) -> String {
        if text.count <= limit { return "\"\(text)\"" }
        return "\"\(text.prefix(limit))…\""
    }
}
