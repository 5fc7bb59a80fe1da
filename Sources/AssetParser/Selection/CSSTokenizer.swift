/// The CSS Syntax Level 3 tokenizer (comments, escapes, numbers with signs and exponents, strings, blocks).
struct CSSTokenizer {
    private let input: [Unicode.Scalar]
    private var position = 0

    /// Tokenizes `text` completely.
    static func tokenize(_ text: String) -> [CSSToken] {
        var tokenizer = CSSTokenizer(input: Array(text.unicodeScalars))
        var tokens: [CSSToken] = []
        while let token = tokenizer.next() { tokens.append(token) }
        return tokens
    }

    private init(input: [Unicode.Scalar]) {
        self.input = input
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < input.count ? input[position + offset] : nil
    }

    private mutating func next() -> CSSToken? {
        skipComments()
        guard let char = peek() else { return nil }
        if Self.isWhitespace(char) {
            while let next = peek(), Self.isWhitespace(next) { position += 1 }
            return .whitespace
        }
        switch char {
        case "\"", "'":
            position += 1
            return consumeString(ending: char)
        case "#":
            if let next = peek(1), Self.isNameCharacter(next) || Self.isValidEscape(next, peek(2)) {
                position += 1
                return .hash(consumeName())
            }
        case "(": position += 1; return .openParen
        case ")": position += 1; return .closeParen
        case "[": position += 1; return .openBracket
        case "]": position += 1; return .closeBracket
        case "{": position += 1; return .openBrace
        case "}": position += 1; return .closeBrace
        case ",": position += 1; return .comma
        case ":": position += 1; return .colon
        case ";": position += 1; return .semicolon
        case "+", ".":
            if startsNumber() { return consumeNumeric() }
        case "-":
            if startsNumber() { return consumeNumeric() }
            if peek(1) == "-", peek(2) == ">" {
                position += 3
                return .cdc
            }
            if startsIdentifier() { return consumeIdentLike() }
        case "<":
            if peek(1) == "!", peek(2) == "-", peek(3) == "-" {
                position += 4
                return .cdo
            }
        case "@":
            position += 1
            if startsIdentifier() { return .atKeyword(consumeName()) }
            return .delim("@")
        case "\\":
            if Self.isValidEscape(char, peek(1)) { return consumeIdentLike() }
        default:
            if Self.isDigit(char) { return consumeNumeric() }
            if Self.isNameStart(char) { return consumeIdentLike() }
        }
        position += 1
        return .delim(char)
    }

    private mutating func skipComments() {
        while peek() == "/", peek(1) == "*" {
            position += 2
            while position < input.count, !(peek() == "*" && peek(1) == "/") { position += 1 }
            position = min(position + 2, input.count)
        }
    }

    private mutating func consumeString(ending: Unicode.Scalar) -> CSSToken {
        var value = String.UnicodeScalarView()
        while let char = peek() {
            position += 1
            if char == ending { return .string(String(value)) }
            if char == "\n" {
                position -= 1
                return .badString
            }
            if char == "\\" {
                guard let next = peek() else { continue }
                if next == "\n" {
                    position += 1
                } else {
                    value.append(consumeEscape())
                }
                continue
            }
            value.append(char)
        }
        return .string(String(value))
    }

    private mutating func consumeNumeric() -> CSSToken {
        let (value, isInteger) = consumeNumber()
        if startsIdentifier() { return .dimension(value, unit: consumeName()) }
        if peek() == "%" {
            position += 1
            return .percentage(value)
        }
        return .number(value, isInteger: isInteger)
    }

    private mutating func consumeNumber() -> (Double, Bool) {
        var text = ""
        var isInteger = true
        if let sign = peek(), sign == "+" || sign == "-" {
            text.unicodeScalars.append(sign)
            position += 1
        }
        consumeDigits(into: &text)
        if peek() == ".", let digit = peek(1), Self.isDigit(digit) {
            isInteger = false
            text += "."
            position += 1
            consumeDigits(into: &text)
        }
        if let e = peek(), e == "e" || e == "E" {
            let hasSign = peek(1) == "+" || peek(1) == "-"
            if let digit = peek(hasSign ? 2 : 1), Self.isDigit(digit) {
                isInteger = false
                text += "e"
                position += 1
                if hasSign, let sign = peek() {
                    text.unicodeScalars.append(sign)
                    position += 1
                }
                consumeDigits(into: &text)
            }
        }
        if text.hasPrefix("+") { text.removeFirst() }
        return (Double(text) ?? 0, isInteger)
    }

    private mutating func consumeDigits(into text: inout String) {
        while let char = peek(), Self.isDigit(char) {
            text.unicodeScalars.append(char)
            position += 1
        }
    }

    private mutating func consumeIdentLike() -> CSSToken {
        let name = consumeName()
        if peek() == "(" {
            position += 1
            if name.lowercased() == "url" { return consumeURLFunctionOrURL() }
            return .function(name)
        }
        return .ident(name)
    }

    /// `url(` followed by a quoted string is a function; an unquoted `url(…)` is a url token, which no
    /// grammar here accepts, so its contents are skipped.
    private mutating func consumeURLFunctionOrURL() -> CSSToken {
        var look = position
        while look < input.count, Self.isWhitespace(input[look]) { look += 1 }
        if look < input.count, input[look] == "\"" || input[look] == "'" { return .function("url") }
        while let char = peek() {
            position += 1
            if char == ")" { return .url }
            if char == "\\", peek() != nil { position += 1 }
        }
        return .badURL
    }

    private mutating func consumeName() -> String {
        var name = String.UnicodeScalarView()
        while let char = peek() {
            if Self.isNameCharacter(char) {
                name.append(char)
                position += 1
            } else if Self.isValidEscape(char, peek(1)) {
                position += 1
                name.append(consumeEscape())
            } else {
                break
            }
        }
        return String(name)
    }

    /// Consumes an escape after its backslash.
    private mutating func consumeEscape() -> Unicode.Scalar {
        guard let first = peek() else { return "\u{FFFD}" }
        position += 1
        guard first.isASCII, PercentEncoding.hexValue(UInt8(first.value)) != nil else { return first }
        var value = UInt32(PercentEncoding.hexValue(UInt8(first.value)) ?? 0)
        var count = 1
        while count < 6, let char = peek(), char.isASCII, let digit = PercentEncoding.hexValue(UInt8(char.value)) {
            value = value * 16 + UInt32(digit)
            position += 1
            count += 1
        }
        if let char = peek(), Self.isWhitespace(char) { position += 1 }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private func startsNumber() -> Bool {
        guard let first = peek() else { return false }
        if first == "+" || first == "-" {
            guard let second = peek(1) else { return false }
            if Self.isDigit(second) { return true }
            return second == "." && peek(2).map(Self.isDigit) == true
        }
        if first == "." { return peek(1).map(Self.isDigit) == true }
        return Self.isDigit(first)
    }

    private func startsIdentifier() -> Bool {
        guard let first = peek() else { return false }
        if first == "-" {
            guard let second = peek(1) else { return false }
            return Self.isNameStart(second) || second == "-" || Self.isValidEscape(second, peek(2))
        }
        return Self.isNameStart(first) || Self.isValidEscape(first, peek(1))
    }

    static func isWhitespace(_ char: Unicode.Scalar) -> Bool {
        char == " " || char == "\t" || char == "\n" || char == "\r" || char == "\u{0C}"
    }

    static func isDigit(_ char: Unicode.Scalar) -> Bool {
        char.value >= 0x30 && char.value <= 0x39
    }

    static func isNameStart(_ char: Unicode.Scalar) -> Bool {
        (char.value >= 0x41 && char.value <= 0x5A) || (char.value >= 0x61 && char.value <= 0x7A) || char == "_"
            || char.value >= 0x80
    }

    static func isNameCharacter(_ char: Unicode.Scalar) -> Bool {
        isNameStart(char) || isDigit(char) || char == "-"
    }

    static func isValidEscape(_ first: Unicode.Scalar, _ second: Unicode.Scalar?) -> Bool {
        first == "\\" && second != nil && second != "\n"
    }
}
