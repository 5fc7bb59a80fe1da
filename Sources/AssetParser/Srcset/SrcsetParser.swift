/// The WHATWG "parse a srcset attribute" algorithm (HTML §4.8.4.3.10).
///
/// Commas inside a URL are part of it, commas at its end end it, descriptors are split on ASCII whitespace
/// except inside parentheses, and a candidate with any invalid, duplicated or conflicting descriptor is dropped.
/// Only ASCII whitespace (tab, LF, FF, CR, space) separates; other spaces such as U+00A0 belong to the text.
public enum SrcsetParser {
    /// Parses a srcset attribute value (already decoded from HTML character references).
    /// - Parameter value: the attribute value.
    /// - Returns: the valid candidates in order and one message per dropped candidate. Never fails.
    public static func parse(_ value: String) -> SrcsetParseResult {
        let bytes = Array(value.utf8)
        var result = SrcsetParseResult()
        var position = 0
        while true {
            // Splitting loop: skip whitespace and commas.
            while position < bytes.count, isWhitespace(bytes[position]) || bytes[position] == comma {
                position += 1
            }
            if position >= bytes.count { return result }
            let urlStart = position
            while position < bytes.count, !isWhitespace(bytes[position]) { position += 1 }
            var urlEnd = position
            var descriptors: [ArraySlice<UInt8>] = []
            if bytes[urlEnd - 1] == comma {
                while urlEnd > urlStart, bytes[urlEnd - 1] == comma { urlEnd -= 1 }
            } else {
                descriptors = tokenizeDescriptors(bytes, position: &position)
            }
            let url = String(decoding: bytes[urlStart..<urlEnd], as: UTF8.self)
            switch makeCandidate(url: url, descriptors: descriptors) {
            case .success(let candidate): result.candidates.append(candidate)
            case .failure(let problem): result.problems.append(problem.message)
            }
        }
    }

    private static let comma = UInt8(ascii: ",")

    /// ASCII whitespace as HTML defines it: tab, LF, FF, CR and space.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private enum TokenizerState { case inDescriptor, inParens, afterDescriptor }

    /// The descriptor tokenizer: reads up to the comma that ends the candidate (or the end of input).
    private static func tokenizeDescriptors(_ bytes: [UInt8], position: inout Int) -> [ArraySlice<UInt8>] {
        while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
        var descriptors: [ArraySlice<UInt8>] = []
        var start = position
        var state = TokenizerState.inDescriptor
        func flush(upTo end: Int) {
            if end > start { descriptors.append(bytes[start..<end]) }
        }
        while true {
            guard position < bytes.count else {
                if state != .afterDescriptor { flush(upTo: position) }
                return descriptors
            }
            let byte = bytes[position]
            switch state {
            case .inDescriptor:
                if isWhitespace(byte) {
                    if position > start {
                        flush(upTo: position)
                        state = .afterDescriptor
                    } else {
                        start = position + 1
                    }
                } else if byte == comma {
                    flush(upTo: position)
                    position += 1
                    return descriptors
                } else if byte == UInt8(ascii: "(") {
                    state = .inParens
                }
            case .inParens:
                if byte == UInt8(ascii: ")") { state = .inDescriptor }
            case .afterDescriptor:
                if !isWhitespace(byte) {
                    state = .inDescriptor
                    start = position
                    continue
                }
            }
            position += 1
        }
    }

    private struct Problem: Error {
        var message: String
    }

    /// The descriptor parser: validates the descriptors and builds the candidate.
    private static func makeCandidate(url: String, descriptors: [ArraySlice<UInt8>]) -> Result<SrcsetCandidate, Problem>
    {
        var candidate = SrcsetCandidate(url: url)
        func fail(_ descriptor: ArraySlice<UInt8>, _ why: String) -> Result<SrcsetCandidate, Problem> {
            let text = String(decoding: descriptor, as: UTF8.self)
            return .failure(
                Problem(
                    message:
                        "dropped srcset candidate \(TextSnippet.quoted(url)): descriptor \(TextSnippet.quoted(text)) \(why)"
                )
            )
        }
        for descriptor in descriptors {
            guard let last = descriptor.last else { continue }
            let number = descriptor.dropLast()
            switch last {
            case UInt8(ascii: "w"):
                switch HTMLNumber.nonNegativeInteger(number) {
                case .invalid: return fail(descriptor, "is not a valid width (digits followed by w)")
                case .tooLarge: return fail(descriptor, "is too large a width")
                case .value(let width):
                    if candidate.width != nil { return fail(descriptor, "repeats the width") }
                    if candidate.density != nil { return fail(descriptor, "gives a width next to a density") }
                    if width == 0 { return fail(descriptor, "is a zero width") }
                    candidate.width = width
                }
            case UInt8(ascii: "x"):
                guard let density = HTMLNumber.floatingPoint(number) else {
                    return fail(descriptor, "is not a valid density (a floating-point number followed by x)")
                }
                if candidate.density != nil { return fail(descriptor, "repeats the density") }
                if candidate.width != nil { return fail(descriptor, "gives a density next to a width") }
                if candidate.height != nil { return fail(descriptor, "gives a density next to a height") }
                if density < 0 { return fail(descriptor, "is a negative density") }
                candidate.density = density
            case UInt8(ascii: "h"):
                switch HTMLNumber.nonNegativeInteger(number) {
                case .invalid: return fail(descriptor, "is not a valid height (digits followed by h)")
                case .tooLarge: return fail(descriptor, "is too large a height")
                case .value(let height):
                    if candidate.height != nil { return fail(descriptor, "repeats the height") }
                    if candidate.density != nil { return fail(descriptor, "gives a height next to a density") }
                    if height == 0 { return fail(descriptor, "is a zero height") }
                    candidate.height = height
                }
            default:
                return fail(descriptor, "is not a w, x or h descriptor")
            }
        }
        if let height = candidate.height, candidate.width == nil {
            return fail(Array("\(height)h".utf8)[...], "is a height without a width")
        }
        return .success(candidate)
    }
}
