/// A token of CSS Syntax Level 3, as much of it as media conditions and `sizes` need.
enum CSSToken: Equatable {
    case ident(String)
    case function(String)
    case atKeyword(String)
    case hash(String)
    case string(String)
    case badString
    case url
    case badURL
    case delim(Unicode.Scalar)
    /// A number; `isInteger` when written without `.` or exponent.
    case number(Double, isInteger: Bool)
    case percentage(Double)
    /// A number with a unit; the unit keeps its case as written (compare it case-insensitively).
    case dimension(Double, unit: String)
    case whitespace
    case colon
    case semicolon
    case comma
    case openParen, closeParen, openBracket, closeBracket, openBrace, closeBrace
    case cdo, cdc

    /// Whether this is the identifier `name`, ASCII case-insensitively.
    func isIdent(_ name: String) -> Bool {
        if case .ident(let value) = self { return value.lowercased() == name }
        return false
    }
}
