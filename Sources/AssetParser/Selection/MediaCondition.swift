/// Parses and evaluates `<media-condition>` (Media Queries 4): `not`, `and`, `or`, parentheses, media
/// features in plain (`min-width: 600px`), boolean (`(color)`) and range (`(400px < width <= 800px)`) form, and
/// `<general-enclosed>` (unknown).
package enum MediaCondition {
    /// Evaluates a condition written as text. `nil` when it does not parse.
    package static func evaluate(_ text: String, viewport: Viewport) -> MediaTruth? {
        evaluate(CSSComponent.significant(CSSComponent.parseList(text)), viewport: viewport)
    }

    /// Evaluates a condition given as significant (non-whitespace) component values. `nil` when it does not
    /// parse. `allowsOr` is false for the condition after `<media-type> and`.
    static func evaluate(_ items: [CSSComponent], viewport: Viewport, allowsOr: Bool = true) -> MediaTruth? {
        guard let first = items.first else { return nil }
        if case .token(let token) = first, token.isIdent("not") {
            guard items.count == 2, let operand = inParens(items[1], viewport: viewport) else { return nil }
            return !operand
        }
        guard var result = inParens(first, viewport: viewport) else { return nil }
        guard items.count > 1 else { return result }
        guard items.count % 2 == 1, case .token(let joiner) = items[1] else { return nil }
        let isAnd = joiner.isIdent("and")
        guard isAnd || (allowsOr && joiner.isIdent("or")) else { return nil }
        for index in stride(from: 1, to: items.count, by: 2) {
            guard case .token(let token) = items[index], token == joiner || token.isIdent(isAnd ? "and" : "or"),
                let operand = inParens(items[index + 1], viewport: viewport)
            else { return nil }
            result = isAnd ? result && operand : result || operand
        }
        return result
    }

    /// `<media-in-parens>`: a parenthesized condition, a media feature, or general-enclosed.
    private static func inParens(_ component: CSSComponent, viewport: Viewport) -> MediaTruth? {
        switch component {
        case .block(.openParen, let contents, let isClosed):
            guard isClosed else { return nil }
            let items = CSSComponent.significant(contents)
            if let nested = evaluate(items, viewport: viewport) { return nested }
            if let feature = MediaFeature.evaluate(contents, viewport: viewport) { return feature }
            // `( <ident> <any-value>? )`
            if case .token(.ident) = items.first, CSSComponent.isAnyValue(contents) { return .unknown }
            return nil
        case .function(_, let arguments, let isClosed):
            // `<function-token> <any-value>? )`
            return isClosed && CSSComponent.isAnyValue(arguments) ? .unknown : nil
        default:
            return nil
        }
    }
}
