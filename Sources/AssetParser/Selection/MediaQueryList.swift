/// Evaluates a `media` attribute: a comma-separated media query list (Media Queries 4), true when any query
/// matches. Media types `all` and `screen` match; `print` and the other types do not. An empty list matches;
/// a query that does not parse counts as `not all`.
package enum MediaQueryList {
    /// Whether the media query list matches the viewport.
    package static func matches(_ media: String, viewport: Viewport) -> Bool {
        let queries = CSSComponent.parseCommaSeparatedList(media)
        if queries.count == 1, CSSComponent.significant(queries[0]).isEmpty { return true }
        return queries.contains { evaluateQuery(CSSComponent.significant($0), viewport: viewport).holds }
    }

    private static func evaluateQuery(_ items: [CSSComponent], viewport: Viewport) -> MediaTruth {
        if let condition = MediaCondition.evaluate(items, viewport: viewport) { return condition }
        var rest = items[...]
        var isNegated = false
        if case .token(let token) = rest.first, token.isIdent("not") || token.isIdent("only") {
            isNegated = token.isIdent("not")
            rest = rest.dropFirst()
        }
        guard case .token(.ident(let rawType)) = rest.first else { return .no }
        let mediaType = rawType.lowercased()
        guard !["not", "and", "or", "only", "layer"].contains(mediaType) else { return .no }
        rest = rest.dropFirst()
        var result = MediaTruth(mediaType == "all" || mediaType == "screen")
        if !rest.isEmpty {
            guard case .token(let token) = rest.first, token.isIdent("and"),
                let condition = MediaCondition.evaluate(Array(rest.dropFirst()), viewport: viewport, allowsOr: false)
            else { return .no }
            result = result && condition
        }
        return isNegated ? !result : result
    }
}
