/// Decodes HTML character references (`&amp;`, `&#38;`, `&#x26;`) as the HTML tokenizer does.
///
/// References are ASCII, so they are found in the document's bytes before decoding, which works for every
/// ASCII-compatible encoding; the text between them is decoded with the document's encoding.
package enum CharacterReferences {
    /// Where the text was found; attribute values have one extra rule for named references without `;`.
    package enum Context: Sendable {
        /// An attribute value: `&name` lacking `;` and followed by `=` or an ASCII alphanumeric stays as written.
        case attribute
        /// A text node.
        case text
    }

    /// Replaces every character reference in UTF-8 `text`.
    /// - Parameters:
    ///   - text: text that may contain references.
    ///   - context: attribute value or text node.
    /// - Returns: the text with references replaced.
    package static func decode(_ text: String, in context: Context) -> String {
        var text = text
        return text.withUTF8 { decode($0, encoding: .utf8, in: context) }
    }

    /// Decodes `bytes` in `encoding` and replaces every character reference.
    /// - Parameters:
    ///   - bytes: the raw bytes of an attribute value or text.
    ///   - encoding: the document's encoding.
    ///   - context: attribute value or text node.
    /// - Returns: the decoded text.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding, in context: Context) -> String {
        var ampersand = ByteSearch.first(UInt8(ascii: "&"), in: bytes, from: 0)
        guard ampersand < bytes.count else { return encoding.decode(bytes) }
        var result = ""
        result.reserveCapacity(bytes.count)
        var runStart = 0
        while ampersand < bytes.count {
            if let (replacement, length) = reference(in: bytes, at: ampersand, context: context) {
                result += encoding.decode(UnsafeBufferPointer(rebasing: bytes[runStart..<ampersand]))
                result.unicodeScalars.append(contentsOf: replacement.unicodeScalars)
                runStart = ampersand + length
                ampersand = ByteSearch.first(UInt8(ascii: "&"), in: bytes, from: runStart)
            } else {
                ampersand = ByteSearch.first(UInt8(ascii: "&"), in: bytes, from: ampersand + 1)
            }
        }
        result += encoding.decode(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        return result
    }

    /// The replacement for the reference starting with the `&` at `start`, and how many bytes it spans.
    private static func reference(
        in input: UnsafeBufferPointer<UInt8>,
        at start: Int,
        context: Context
    ) -> (String, Int)? {
        let next = start + 1
        guard next < input.count else { return nil }
        if input[next] == UInt8(ascii: "#") {
            return numericReference(in: input, at: start)
        }
        return namedReference(in: input, at: start, context: context)
    }

    private static func numericReference(in input: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 2
        var radix: UInt32 = 10
        if index < input.count, input[index] | 0x20 == UInt8(ascii: "x") {
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
        if index < input.count, input[index] == UInt8(ascii: ";") {
            index += 1
        }
        return (String(numericReplacement(value)), index - start)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46 where radix == 16: UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where radix == 16: UInt32(byte - 0x61 + 10)
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
        in input: UnsafeBufferPointer<UInt8>,
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
        if end < input.count, input[end] == UInt8(ascii: ";"),
            let replacement = NamedCharacterReferences.table[name(input, from: start + 1, to: end + 1)]
        {
            return (replacement, end + 1 - start)
        }
        // Legacy names match without `;`; the longest one that is a prefix of the alphanumeric run wins.
        let longest = min(end - start - 1, NamedCharacterReferences.longestLegacyNameLength)
        for length in stride(from: longest, through: 1, by: -1) {
            let after = start + 1 + length
            guard let replacement = NamedCharacterReferences.table[name(input, from: start + 1, to: after)] else {
                continue
            }
            if context == .attribute, after < input.count,
                input[after] == UInt8(ascii: "=") || input[after].isASCIIAlphanumeric
            {
                return nil  // "historical reasons": left as written inside attribute values
            }
            return (replacement, after - start)
        }
        return nil
    }

    private static func name(_ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
    }
}
