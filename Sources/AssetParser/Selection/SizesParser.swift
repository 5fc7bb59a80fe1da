/// The WHATWG "parse a sizes attribute" algorithm, evaluated against a viewport.
///
/// Entries are tried in order; an entry is `<media-condition>? <source-size-value>`, the value being a
/// non-negative length (px, em, rem, vw, vh, …, or `calc()`/`min()`/`max()`/`clamp()`, negative results clamped
/// to 0). Invalid entries are skipped; an entry without a condition, or whose condition holds, gives the size.
/// `auto` is skipped (assetd does no layout). Without a match the size is 100vw.
package enum SizesParser {
    /// The source size in CSS px for a `sizes` value.
    package static func evaluate(_ sizes: String, viewport: Viewport) -> Double {
        let entries = CSSComponent.parseCommaSeparatedList(sizes)
        for entry in entries {
            var items = entry
            while items.last?.isWhitespace == true { items.removeLast() }
            guard let last = items.popLast(), let size = sourceSizeValue(last, viewport: viewport) else { continue }
            let condition = CSSComponent.significant(items)
            if condition.isEmpty {
                guard let size else { continue }
                return size
            }
            guard let truth = MediaCondition.evaluate(condition, viewport: viewport), truth.holds else { continue }
            guard let size else { continue }
            return size
        }
        return viewport.width
    }

    /// `<source-size-value>`: `.some(px)` for a valid length, `.some(nil)` for `auto`, `nil` when invalid.
    private static func sourceSizeValue(_ component: CSSComponent, viewport: Viewport) -> Double?? {
        switch component {
        case .token(.ident(let name)) where name.lowercased() == "auto":
            return .some(nil)
        case .token(.number), .token(.dimension):
            guard let length = CSSMath.length(component, viewport: viewport), length >= 0, length.isFinite else {
                return nil
            }
            return length
        case .function(let name, _, true) where ["calc", "min", "max", "clamp"].contains(name.lowercased()):
            guard let length = CSSMath.length(component, viewport: viewport), length.isFinite else { return nil }
            return max(0, length)
        default:
            return nil
        }
    }
}
