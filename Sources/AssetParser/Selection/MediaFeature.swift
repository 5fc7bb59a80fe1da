/// Media features (Media Queries 4) evaluated against a `Viewport`.
///
/// Range features: `width`, `height`, `device-width`, `device-height` (lengths; the device is the viewport),
/// `aspect-ratio`, `device-aspect-ratio` (ratios), `resolution` (`dppx`, `x`, `dpi`, `dpcm`), `color` (8 bits),
/// `monochrome` (0), and `-webkit-device-pixel-ratio`. Discrete features answer as a desktop browser in light
/// mode would: `orientation` (from the viewport), `hover`/`any-hover` `hover`, `pointer`/`any-pointer` `fine`,
/// `prefers-color-scheme` `light`, `prefers-reduced-motion` and `prefers-contrast` `no-preference`,
/// `forced-colors` `none`, `scripting` `enabled`, `update` `fast`, `grid` 0. Anything else is unknown.
enum MediaFeature {
    /// Evaluates the contents of a `( … )` block as a media feature; `nil` when they are not one we can read
    /// (the caller then treats them as general-enclosed).
    static func evaluate(_ contents: [CSSComponent], viewport: Viewport) -> MediaTruth? {
        let items = CSSComponent.significant(contents)
        guard let first = items.first else { return nil }
        if items.count >= 3, case .token(.ident(let rawName)) = first, items[1] == .token(.colon) {
            return plain(rawName.lowercased(), Array(items[2...]), viewport: viewport)
        }
        if items.count == 1, case .token(.ident(let name)) = first {
            return boolean(name.lowercased(), viewport: viewport)
        }
        return range(items, viewport: viewport)
    }

    private enum Comparison {
        case less, lessOrEqual, greater, greaterOrEqual, equal

        var flipped: Comparison {
            switch self {
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            case .equal: .equal
            }
        }

        func holds(_ actual: Double, _ expected: Double) -> Bool {
            let tolerance = 1e-9 * max(1, abs(expected))
            switch self {
            case .less: return actual < expected - tolerance
            case .lessOrEqual: return actual <= expected + tolerance
            case .greater: return actual > expected + tolerance
            case .greaterOrEqual: return actual >= expected - tolerance
            case .equal: return abs(actual - expected) <= tolerance
            }
        }
    }

    private enum Kind {
        case length, ratio, resolution, number, integer
    }

    private static func rangeKind(_ name: String) -> Kind? {
        switch name {
        case "width", "height", "device-width", "device-height": .length
        case "aspect-ratio", "device-aspect-ratio": .ratio
        case "resolution": .resolution
        case "-webkit-device-pixel-ratio": .number
        case "color", "monochrome", "color-index", "grid": .integer
        default: nil
        }
    }

    private static func actualValue(_ name: String, viewport: Viewport) -> Double {
        switch name {
        case "width", "device-width": viewport.width
        case "height", "device-height": viewport.height
        case "aspect-ratio", "device-aspect-ratio": viewport.height > 0 ? viewport.width / viewport.height : .infinity
        case "resolution", "-webkit-device-pixel-ratio": viewport.dpr
        case "color": 8
        default: 0
        }
    }

    /// Discrete features: the keywords each accepts and the one that holds.
    private static func discrete(_ name: String, viewport: Viewport) -> (accepted: Set<String>, current: String)? {
        switch name {
        case "orientation": (["portrait", "landscape"], viewport.height >= viewport.width ? "portrait" : "landscape")
        case "hover", "any-hover": (["none", "hover"], "hover")
        case "pointer", "any-pointer": (["none", "coarse", "fine"], "fine")
        case "prefers-color-scheme": (["light", "dark"], "light")
        case "prefers-reduced-motion": (["no-preference", "reduce"], "no-preference")
        case "prefers-contrast": (["no-preference", "less", "more", "custom"], "no-preference")
        case "forced-colors": (["none", "active"], "none")
        case "scripting": (["none", "initial-only", "enabled"], "enabled")
        case "update": (["none", "slow", "fast"], "fast")
        default: nil
        }
    }

    private static func plain(_ name: String, _ value: [CSSComponent], viewport: Viewport) -> MediaTruth? {
        if let (accepted, current) = discrete(name, viewport: viewport) {
            guard value.count == 1, case .token(.ident(let keyword)) = value[0], accepted.contains(keyword.lowercased())
            else { return nil }
            return MediaTruth(keyword.lowercased() == current)
        }
        var featureName = name
        var comparison = Comparison.equal
        if name.hasPrefix("min-") || name.hasPrefix("max-") {
            comparison = name.hasPrefix("min-") ? .greaterOrEqual : .lessOrEqual
            featureName = String(name.dropFirst(4))
        } else if name == "-webkit-min-device-pixel-ratio" || name == "-webkit-max-device-pixel-ratio" {
            comparison = name.contains("-min-") ? .greaterOrEqual : .lessOrEqual
            featureName = "-webkit-device-pixel-ratio"
        }
        guard let kind = rangeKind(featureName),
            let expected = parseValue(value, kind: kind, viewport: viewport)
        else { return nil }
        return MediaTruth(comparison.holds(actualValue(featureName, viewport: viewport), expected))
    }

    private static func boolean(_ name: String, viewport: Viewport) -> MediaTruth? {
        if let (_, current) = discrete(name, viewport: viewport) {
            return MediaTruth(current != "none" && current != "no-preference")
        }
        guard rangeKind(name) != nil else { return .unknown }
        return MediaTruth(actualValue(name, viewport: viewport) != 0)
    }

    /// `(name op value)`, `(value op name)` or `(value op name op value)`.
    private static func range(_ items: [CSSComponent], viewport: Viewport) -> MediaTruth? {
        var parts: [[CSSComponent]] = [[]]
        var comparisons: [Comparison] = []
        var index = 0
        while index < items.count {
            if case .token(.delim(let char)) = items[index], char == "<" || char == ">" || char == "=" {
                var comparison: Comparison
                switch char {
                case "<": comparison = .less
                case ">": comparison = .greater
                default: comparison = .equal
                }
                if char != "=", index + 1 < items.count, items[index + 1] == .token(.delim("=")) {
                    comparison = char == "<" ? .lessOrEqual : .greaterOrEqual
                    index += 1
                }
                comparisons.append(comparison)
                parts.append([])
            } else {
                parts[parts.count - 1].append(items[index])
            }
            index += 1
        }
        func name(_ part: [CSSComponent]) -> String? {
            if part.count == 1, case .token(.ident(let name)) = part[0] { return name.lowercased() }
            return nil
        }
        switch comparisons.count {
        case 1:
            if let feature = name(parts[0]) {
                return compare(feature, comparisons[0], parts[1], viewport: viewport)
            }
            guard let feature = name(parts[1]) else { return nil }
            return compare(feature, comparisons[0].flipped, parts[0], viewport: viewport)
        case 2:
            guard let feature = name(parts[1]) else { return nil }
            let lower = [Comparison.less, .lessOrEqual]
            let upper = [Comparison.greater, .greaterOrEqual]
            guard
                (lower.contains(comparisons[0]) && lower.contains(comparisons[1]))
                    || (upper.contains(comparisons[0]) && upper.contains(comparisons[1]))
            else { return nil }
            guard let left = compare(feature, comparisons[0].flipped, parts[0], viewport: viewport),
                let right = compare(feature, comparisons[1], parts[2], viewport: viewport)
            else { return nil }
            return left && right
        default:
            return nil
        }
    }

    private static func compare(_ name: String, _ comparison: Comparison, _ value: [CSSComponent], viewport: Viewport)
        -> MediaTruth?
    {
        guard !value.isEmpty else { return nil }
        guard let kind = rangeKind(name) else { return .unknown }
        guard let expected = parseValue(value, kind: kind, viewport: viewport) else { return nil }
        return MediaTruth(comparison.holds(actualValue(name, viewport: viewport), expected))
    }

    /// Reads a feature value of the given kind; `nil` when it has another type or is out of range.
    private static func parseValue(_ value: [CSSComponent], kind: Kind, viewport: Viewport) -> Double? {
        switch kind {
        case .length:
            guard value.count == 1, let length = CSSMath.length(value[0], viewport: viewport), length >= 0 else {
                return nil
            }
            return length
        case .ratio:
            if value.count == 1 {
                guard let number = CSSMath.number(value[0], viewport: viewport), number >= 0 else { return nil }
                return number
            }
            guard value.count == 3, value[1] == .token(.delim("/")),
                let numerator = CSSMath.number(value[0], viewport: viewport),
                let denominator = CSSMath.number(value[2], viewport: viewport), numerator >= 0, denominator >= 0
            else { return nil }
            return denominator == 0 ? .infinity : numerator / denominator
        case .resolution:
            guard value.count == 1, case .token(.dimension(let number, let unit)) = value[0], number >= 0 else {
                return nil
            }
            switch unit.lowercased() {
            case "dppx", "x": return number
            case "dpi": return number / 96
            case "dpcm": return number * 2.54 / 96
            default: return nil
            }
        case .number:
            guard value.count == 1, let number = CSSMath.number(value[0], viewport: viewport), number >= 0 else {
                return nil
            }
            return number
        case .integer:
            guard value.count == 1, case .token(.number(let number, true)) = value[0], number >= 0 else { return nil }
            return number
        }
    }
}
