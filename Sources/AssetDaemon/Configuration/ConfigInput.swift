/// A configuration value as one source gave it, before validation: JSON keeps its types, the environment and the
/// command line give text (or a bare flag's `true`, or a comma-separated list).
package enum ConfigInput: Sendable, Hashable, CustomStringConvertible {
    /// Text.
    case text(String)
    /// A whole number (JSON).
    case integer(Int)
    /// A number with a fraction (JSON), or a number read as such.
    case decimal(Double)
    /// A boolean (JSON, a bare command-line flag, or `true`/`yes`/`1` in the environment).
    case boolean(Bool)
    /// A list of strings (JSON array, comma-separated environment value, repeated flag).
    case list([String])

    package var description: String {
        switch self {
        case .text(let text): "'\(text)'"
        case .integer(let value): String(value)
        case .decimal(let value): String(value)
        case .boolean(let value): String(value)
        case .list(let values): "[" + values.map { "'\($0)'" }.joined(separator: ", ") + "]"
        }
    }
}
