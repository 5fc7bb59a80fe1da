/// The WHATWG "algorithm for extracting a character encoding from a meta element".
enum MetaCharset {
    /// The encoding label in a `content` attribute such as `text/html; charset=windows-1251`.
    /// - Parameter content: the decoded `content` value.
    /// - Returns: the label, or `nil` when there is none.
    static func extract(fromContent content: String) -> String? {
        let scalars = Array(content.unicodeScalars)
        var position = 0
        while true {
            guard let found = find("charset", in: scalars, from: position) else { return nil }
            var index = found + 7
            while index < scalars.count, scalars[index].isASCIIWhitespace { index += 1 }
            guard index < scalars.count, scalars[index] == "=" else {
                position = index  // not followed by `=`: look for the next "charset"
                continue
            }
            index += 1
            while index < scalars.count, scalars[index].isASCIIWhitespace { index += 1 }
            guard index < scalars.count else { return nil }
            let first = scalars[index]
            if first == "\"" || first == "'" {
                guard let close = scalars[(index + 1)...].firstIndex(of: first) else { return nil }
                return String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
            }
            var end = index
            while end < scalars.count, !scalars[end].isASCIIWhitespace, scalars[end] != ";" { end += 1 }
            return String(String.UnicodeScalarView(scalars[index..<end]))
        }
    }

    private static func find(_ word: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let target = Array(word.unicodeScalars)
        guard scalars.count >= target.count else { return nil }
        var index = start
        while index + target.count <= scalars.count {
            var matches = true
            for offset in 0..<target.count {
                let scalar = scalars[index + offset]
                let lowered = scalar.value >= 0x41 && scalar.value <= 0x5A ? scalar.value | 0x20 : scalar.value
                if lowered != target[offset].value {
                    matches = false
                    break
                }
            }
            if matches { return index }
            index += 1
        }
        return nil
    }
}
