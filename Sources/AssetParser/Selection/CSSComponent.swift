/// A CSS component value: a preserved token, a simple block or a function, as "parse a list of component
/// values" builds them. Blocks and functions left open at the end of input are marked unclosed.
indirect enum CSSComponent: Equatable {
    case token(CSSToken)
    /// `(…)`, `[…]` or `{…}`; `open` is the opening token.
    case block(open: CSSToken, contents: [CSSComponent], isClosed: Bool)
    case function(name: String, arguments: [CSSComponent], isClosed: Bool)

    /// Whether this is a whitespace token.
    var isWhitespace: Bool { self == .token(.whitespace) }

    /// Parses `text` into a list of component values split at top-level commas ("parse a comma-separated list
    /// of component values").
    static func parseCommaSeparatedList(_ text: String) -> [[CSSComponent]] {
        let tokens = CSSTokenizer.tokenize(text)
        guard isShallow(tokens) else { return [[.token(.badString)]] }
        var index = 0
        var lists: [[CSSComponent]] = [[]]
        while index < tokens.count {
            if tokens[index] == .comma {
                lists.append([])
                index += 1
                continue
            }
            let component = consume(tokens, at: &index)
            lists[lists.count - 1].append(component)
        }
        return lists
    }

    /// Parses `text` into a flat list of component values.
    static func parseList(_ text: String) -> [CSSComponent] {
        let tokens = CSSTokenizer.tokenize(text)
        guard isShallow(tokens) else { return [.token(.badString)] }
        var index = 0
        var list: [CSSComponent] = []
        while index < tokens.count { list.append(consume(tokens, at: &index)) }
        return list
    }

    /// How deep blocks and functions may nest; deeper input is rejected as a whole (as a bad string, which no
    /// grammar accepts) so that the recursive parsing and evaluation stay within a small stack.
    static let maximumNesting = 64

    private static func isShallow(_ tokens: [CSSToken]) -> Bool {
        var depth = 0
        for token in tokens {
            switch token {
            case .openParen, .openBracket, .openBrace, .function:
                depth += 1
                if depth > maximumNesting { return false }
            case .closeParen, .closeBracket, .closeBrace:
                depth = max(0, depth - 1)
            default:
                break
            }
        }
        return true
    }

    private static func consume(_ tokens: [CSSToken], at index: inout Int) -> CSSComponent {
        let token = tokens[index]
        index += 1
        let closing: CSSToken
        switch token {
        case .openParen, .function: closing = .closeParen
        case .openBracket: closing = .closeBracket
        case .openBrace: closing = .closeBrace
        default: return .token(token)
        }
        var contents: [CSSComponent] = []
        var isClosed = false
        while index < tokens.count {
            if tokens[index] == closing {
                index += 1
                isClosed = true
                break
            }
            contents.append(consume(tokens, at: &index))
        }
        if case .function(let name) = token {
            return .function(name: name, arguments: contents, isClosed: isClosed)
        }
        return .block(open: token, contents: contents, isClosed: isClosed)
    }

    /// The components without whitespace tokens.
    static func significant(_ components: [CSSComponent]) -> [CSSComponent] {
        components.filter { !$0.isWhitespace }
    }

    /// Whether the components form a valid `<any-value>`: every block closed, no stray closing bracket, bad
    /// string or bad url.
    static func isAnyValue(_ components: [CSSComponent]) -> Bool {
        components.allSatisfy { component in
            switch component {
            case .token(let token):
                switch token {
                case .closeParen, .closeBracket, .closeBrace, .badString, .badURL: return false
                default: return true
                }
            case .block(_, let contents, let isClosed): return isClosed && isAnyValue(contents)
            case .function(_, let arguments, let isClosed): return isClosed && isAnyValue(arguments)
            }
        }
    }
}
