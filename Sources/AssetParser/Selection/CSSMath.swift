/// Lengths and math functions (`calc()`, `min()`, `max()`, `clamp()`) evaluated against a viewport.
///
/// Font-relative units use the initial font: `em`/`rem`/`ic` 16 px, `ex`/`ch` 8 px, `lh` 19.2 px. Viewport
/// units use the viewport's width and height (the small/large/dynamic variants are the same here).
enum CSSMath {
    /// A computed value: a plain number or a length in CSS px.
    enum Value: Equatable {
        case number(Double)
        case length(Double)
    }

    /// The length of one component in px: a dimension with a length unit, the number `0`, or a math function
    /// whose result is a length. May be negative; `nil` when it is not a length.
    static func length(_ component: CSSComponent, viewport: Viewport) -> Double? {
        switch component {
        case .token(.number(let value, _)):
            return value == 0 ? 0 : nil
        case .token(.dimension), .function:
            if case .length(let px) = value(component, viewport: viewport) { return px }
            return nil
        default:
            return nil
        }
    }

    /// The number of one component: a number token or a math function whose result is a number.
    static func number(_ component: CSSComponent, viewport: Viewport) -> Double? {
        switch component {
        case .token(.number(let value, _)): return value
        case .function:
            if case .number(let number) = value(component, viewport: viewport) { return number }
            return nil
        default: return nil
        }
    }

    /// Pixels per unit, by lower-cased unit name.
    static func pixelsPerUnit(_ unit: String, viewport: Viewport) -> Double? {
        switch unit.lowercased() {
        case "px": 1
        case "cm": 96 / 2.54
        case "mm": 96 / 25.4
        case "q": 96 / 101.6
        case "in": 96
        case "pt": 96 / 72
        case "pc": 16
        case "em", "rem", "ic", "ric": 16
        case "ex", "rex", "ch", "rch": 8
        case "lh", "rlh": 19.2
        case "vw", "svw", "lvw", "dvw", "vi", "svi", "lvi", "dvi": viewport.width / 100
        case "vh", "svh", "lvh", "dvh", "vb", "svb", "lvb", "dvb": viewport.height / 100
        case "vmin", "svmin", "lvmin", "dvmin": min(viewport.width, viewport.height) / 100
        case "vmax", "svmax", "lvmax", "dvmax": max(viewport.width, viewport.height) / 100
        default: nil
        }
    }

    /// Evaluates a single component: a number, a length, a parenthesized sum or a math function.
    static func value(_ component: CSSComponent, viewport: Viewport) -> Value? {
        switch component {
        case .token(.number(let value, _)):
            return .number(value)
        case .token(.dimension(let value, let unit)):
            return pixelsPerUnit(unit, viewport: viewport).map { .length(value * $0) }
        case .block(.openParen, let contents, _):
            return sum(contents, viewport: viewport)
        case .function(let name, let arguments, _):
            return function(name.lowercased(), arguments, viewport: viewport)
        default:
            return nil
        }
    }

    private static func function(_ name: String, _ arguments: [CSSComponent], viewport: Viewport) -> Value? {
        switch name {
        case "calc":
            return sum(arguments, viewport: viewport)
        case "min", "max", "clamp":
            let parts = arguments.split(separator: .token(.comma), omittingEmptySubsequences: false)
            var values: [Value] = []
            for part in parts {
                guard let value = sum(Array(part), viewport: viewport) else { return nil }
                values.append(value)
            }
            guard let first = values.first, values.allSatisfy({ sameType($0, first) }) else { return nil }
            let numbers = values.map(magnitude)
            let result: Double
            switch name {
            case "min": result = numbers.min() ?? 0
            case "max": result = numbers.max() ?? 0
            default:
                guard numbers.count == 3 else { return nil }
                result = max(numbers[0], min(numbers[1], numbers[2]))
            }
            return rebuild(first, result)
        default:
            return nil
        }
    }

    /// `<calc-sum>`: products joined by `+` or `-`, which need whitespace on both sides.
    static func sum(_ items: [CSSComponent], viewport: Viewport) -> Value? {
        var parser = Parser(items: items, viewport: viewport)
        parser.skipWhitespace()
        guard var total = parser.product() else { return nil }
        while true {
            let hadSpace = parser.skipWhitespace()
            if parser.atEnd { return total.isFinite ? total.value : nil }
            guard hadSpace, case .token(.delim(let op)) = parser.current, op == "+" || op == "-" else { return nil }
            parser.index += 1
            guard parser.skipWhitespace(), let right = parser.product(), sameType(total.value, right.value) else {
                return nil
            }
            total = Finite(rebuild(total.value, magnitude(total.value) + (op == "+" ? 1 : -1) * magnitude(right.value)))
        }
    }

    private struct Finite {
        var value: Value
        init(_ value: Value) { self.value = value }
        var isFinite: Bool { magnitude(value).isFinite }
    }

    private struct Parser {
        var items: [CSSComponent]
        var viewport: Viewport
        var index = 0

        var atEnd: Bool { index >= items.count }
        var current: CSSComponent? { atEnd ? nil : items[index] }

        @discardableResult
        mutating func skipWhitespace() -> Bool {
            let start = index
            while let current, current.isWhitespace { index += 1 }
            return index > start
        }

        /// `<calc-product>`: values joined by `*` or `/`.
        mutating func product() -> Finite? {
            guard let first = operand() else { return nil }
            var result = first
            while true {
                let mark = index
                skipWhitespace()
                guard case .token(.delim(let op)) = current, op == "*" || op == "/" else {
                    index = mark
                    return Finite(result)
                }
                index += 1
                skipWhitespace()
                guard let right = operand() else { return nil }
                if op == "*" {
                    switch (result, right) {
                    case (.number(let a), .number(let b)): result = .number(a * b)
                    case (.length(let a), .number(let b)), (.number(let b), .length(let a)): result = .length(a * b)
                    default: return nil
                    }
                } else {
                    guard case .number(let divisor) = right, divisor != 0 else { return nil }
                    result = rebuild(result, magnitude(result) / divisor)
                }
            }
        }

        private mutating func operand() -> Value? {
            guard let component = current else { return nil }
            index += 1
            return CSSMath.value(component, viewport: viewport)
        }
    }

    private static func sameType(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number, .number), (.length, .length): true
        default: false
        }
    }

    private static func magnitude(_ value: Value) -> Double {
        switch value {
        case .number(let number): number
        case .length(let length): length
        }
    }

    private static func rebuild(_ like: Value, _ magnitude: Double) -> Value {
        switch like {
        case .number: .number(magnitude)
        case .length: .length(magnitude)
        }
    }
}
