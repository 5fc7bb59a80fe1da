/// Decodes HTML character references (`&amp;`, `&#38;`, `&#x26;`) as the HTML tokenizer does.
package enum CharacterReferences {
    /// Where the text was found; attribute values have one extra rule for named references without `;`.
    package enum Context: Sendable {
        /// An attribute value: `&name` lacking `;` and followed by `=` or an ASCII alphanumeric stays as written.
        case attribute
        /// A text node.
        case text
    }

    /// Replaces every character reference in `text`.
    /// - Parameters:
    ///   - text: decoded text that may contain references.
    ///   - context: attribute value or text node.
    /// - Returns: the text with references replaced; text without `&` is returned unchanged.
    package static func decode(_ text: String, in context: Context) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let input = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < input.count {
            let scalar = input[index]
            if scalar == "&", let (replacement, length) = reference(in: input, at: index, context: context) {
                output.append(contentsOf: replacement.unicodeScalars)
                index += length
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    /// The replacement for the reference starting with the `&` at `start`, and how many scalars it spans.
    private static func reference(
        in input: [Unicode.Scalar],
        at start: Int,
        context: Context
    ) -> (String, Int)? {
        let next = start + 1
        guard next < input.count else { return nil }
        if input[next] == "#" {
            return numericReference(in: input, at: start)
        }
        return namedReference(in: input, at: start, context: context)
    }

    private static func numericReference(in input: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 2
        var radix: UInt32 = 10
        if index < input.count, input[index] == "x" || input[index] == "X" {
            radix = 16
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < input.count, let digit = digitValue(input[index], radix: radix) {
            // Saturate above the Unicode range so that long digit runs cannot overflow.
            value = min(value &* radix &+ digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }  // `&#` or `&#x` without digits is not a reference
        if index < input.count, input[index] == ";" {
            index += 1
        }
        return (String(numericReplacement(value)), index - start)
    }

    private static func digitValue(_ scalar: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46 where radix == 16: scalar.value - 0x41 + 10
        case 0x61...0x66 where radix == 16: scalar.value - 0x61 + 10
        default: nil
        }
    }

    /// The character a numeric reference stands for, following the HTML "numeric character reference end state":
    /// 0, surrogates and values above U+10FFFF become U+FFFD, 0x80-0x9F are remapped through windows-1252, and
    /// every other value (other control characters and noncharacters included) is kept.
    /// - Parameter value: the referenced code point.
    /// - Returns: the character to insert.
    package static func numericReplacement(_ value: UInt32) -> Unicode.Scalar {
        switch value {
        case 0, 0xD800...0xDFFF, 0x11_0000...:
            return "\u{FFFD}"
        case 0x80...0x9F:
            let mapped = UInt32(SingleByteEncodingTables.windows1252[Int(value - 0x80)])
            return Unicode.Scalar(mapped) ?? "\u{FFFD}"
        default:
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }
    }

    private static func namedReference(
        in input: [Unicode.Scalar],
        at start: Int,
        context: Context
    ) -> (String, Int)? {
        var end = start + 1
        while end < input.count, end - start <= NamedCharacterReferences.longestNameLength,
            input[end].isASCIIAlphanumeric
        {
            end += 1
        }
        guard end > start + 1 else { return nil }
        let name = String(String.UnicodeScalarView(input[(start + 1)..<end]))
        if end < input.count, input[end] == ";", let replacement = NamedCharacterReferences.table[name + ";"] {
            return (replacement, end + 1 - start)
        }
        // Legacy names match without `;`; the longest one that is a prefix of the alphanumeric run wins.
        let longest = min(name.unicodeScalars.count, NamedCharacterReferences.longestLegacyNameLength)
        for length in stride(from: longest, through: 1, by: -1) {
            let prefix = String(String.UnicodeScalarView(input[(start + 1)..<(start + 1 + length)]))
            guard let replacement = NamedCharacterReferences.table[prefix] else { continue }
            let after = start + 1 + length
            if context == .attribute, after < input.count,
                input[after] == "=" || input[after].isASCIIAlphanumeric
            {
                return nil  // "historical reasons": left as written inside attribute values
            }
            return (replacement, after - start)
        }
        return nil
    }
}
