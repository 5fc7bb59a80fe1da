/// A resumable HTML tokenizer over bytes of an ASCII-compatible encoding, following the WHATWG tokenizer states
/// that decide where tags, attributes, comments and raw text begin and end.
///
/// It is fed chunks of any size and keeps only bounded state between them: the wanted attributes of the current tag
/// (each value capped by `TagAttributes.maximumValueLength`) and a few counters. Every byte is examined a constant
/// number of times. Simplifications: the script-data escape states (`<!--` inside `<script>`) are not modelled, so a
/// script ends at the first `</script`; foreign content (SVG/MathML) is tokenized like HTML.
struct HTMLTokenizer: Sendable {
    private enum State: UInt8, Sendable {
        case data, tagOpen, endTagOpen, tagName, beforeAttributeName, attributeName, afterAttributeName
        case beforeAttributeValue, attributeValueDoubleQuoted, attributeValueSingleQuoted, attributeValueUnquoted
        case afterAttributeValueQuoted, selfClosingStartTag, markupDeclarationOpen, markupDeclarationDash
        case comment, bogusComment, rawText
    }

    private var state = State.data
    private var isEndTag = false
    private var tagKind = HTMLTagKind.other
    private var packedName: UInt64 = 0
    private var nameLength = 0
    private var tagLine = 1
    private var isCollecting = false
    private(set) var attributes = TagAttributes()
    private var attributeName: [UInt8] = []
    private var attributeNameOverflow = false
    /// Comment end detection: 0 no dash, 1 one dash, 2 two or more, 3 just after `<!--`, 4 after `<!---`.
    private var commentDashes: UInt8 = 0
    private var commentBang = false
    private var rawTextKind = HTMLTagKind.other
    private var rawTextName: [UInt8] = []
    /// Progress matching `</name`: 0 searching for `<`, 1 after `<`, 2 after `</`, 2 + k after k name bytes.
    private var rawTextMatched = 0

    /// Tokenizes one chunk, reporting tags and text to `handler`.
    /// - Parameters:
    ///   - chunk: the next bytes of the document.
    ///   - lines: the line counter for this chunk (call `finishChunk` after this returns).
    ///   - handler: receives the tokens.
    mutating func scan<Handler: HTMLTokenHandler>(
        _ chunk: UnsafeBufferPointer<UInt8>,
        lines: inout LineCounter,
        handler: inout Handler
    ) {
        let count = chunk.count
        var index = 0
        while index < count {
            switch state {
            case .data:
                let end = ByteSearch.first(UInt8(ascii: "<"), in: chunk, from: index)
                if end > index {
                    handler.text(chunk, from: index, to: end, lines: &lines)
                }
                index = end
                if index < count {
                    handler.textBreak()
                    state = .tagOpen
                    index += 1
                }
            case .tagOpen:
                let byte = chunk[index]
                if byte.isASCIILetter {
                    beginTag(isEnd: false)
                    state = .tagName
                } else if byte == UInt8(ascii: "/") {
                    state = .endTagOpen
                    index += 1
                } else if byte == UInt8(ascii: "!") {
                    state = .markupDeclarationOpen
                    index += 1
                } else if byte == UInt8(ascii: "?") {
                    state = .bogusComment
                } else {
                    state = .data  // a lone `<` is text
                }
            case .endTagOpen:
                let byte = chunk[index]
                if byte.isASCIILetter {
                    beginTag(isEnd: true)
                    state = .tagName
                } else if byte == UInt8(ascii: ">") {
                    state = .data
                    index += 1
                } else {
                    state = .bogusComment
                }
            case .tagName:
                index = scanTagName(chunk, from: index, lines: &lines, handler: &handler)
            case .beforeAttributeName:
                let byte = chunk[index]
                if byte.isHTMLWhitespace {
                    index += 1
                } else if byte == UInt8(ascii: "/") {
                    state = .selfClosingStartTag
                    index += 1
                } else if byte == UInt8(ascii: ">") {
                    index += 1
                    emitTag(handler: &handler)
                } else {
                    beginAttributeName()
                    state = .attributeName
                    if byte == UInt8(ascii: "=") {  // `=` first is part of the name
                        appendAttributeName(byte)
                        index += 1
                    }
                }
            case .attributeName:
                index = scanAttributeName(chunk, from: index, handler: &handler)
            case .afterAttributeName:
                let byte = chunk[index]
                if byte.isHTMLWhitespace {
                    index += 1
                } else if byte == UInt8(ascii: "/") {
                    state = .selfClosingStartTag
                    index += 1
                } else if byte == UInt8(ascii: "=") {
                    state = .beforeAttributeValue
                    index += 1
                } else if byte == UInt8(ascii: ">") {
                    index += 1
                    emitTag(handler: &handler)
                } else {
                    beginAttributeName()
                    state = .attributeName
                }
            case .beforeAttributeValue:
                let byte = chunk[index]
                if byte.isHTMLWhitespace {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    state = .attributeValueDoubleQuoted
                    index += 1
                } else if byte == UInt8(ascii: "'") {
                    state = .attributeValueSingleQuoted
                    index += 1
                } else if byte == UInt8(ascii: ">") {
                    index += 1
                    emitTag(handler: &handler)
                } else {
                    state = .attributeValueUnquoted
                }
            case .attributeValueDoubleQuoted, .attributeValueSingleQuoted:
                let quote = state == .attributeValueDoubleQuoted ? UInt8(ascii: "\"") : UInt8(ascii: "'")
                let end = ByteSearch.first(quote, in: chunk, from: index)
                if attributes.isRecording, end > index {
                    attributes.append(UnsafeBufferPointer(rebasing: chunk[index..<end]))
                }
                index = end
                if index < count {
                    attributes.end()
                    state = .afterAttributeValueQuoted
                    index += 1
                }
            case .attributeValueUnquoted:
                index = scanUnquotedValue(chunk, from: index, handler: &handler)
            case .afterAttributeValueQuoted:
                let byte = chunk[index]
                if byte.isHTMLWhitespace {
                    state = .beforeAttributeName
                    index += 1
                } else if byte == UInt8(ascii: "/") {
                    state = .selfClosingStartTag
                    index += 1
                } else if byte == UInt8(ascii: ">") {
                    index += 1
                    emitTag(handler: &handler)
                } else {
                    state = .beforeAttributeName
                }
            case .selfClosingStartTag:
                if chunk[index] == UInt8(ascii: ">") {
                    index += 1
                    emitTag(handler: &handler)
                } else {
                    state = .beforeAttributeName
                }
            case .markupDeclarationOpen:
                if chunk[index] == UInt8(ascii: "-") {
                    state = .markupDeclarationDash
                    index += 1
                } else {
                    state = .bogusComment  // `<!DOCTYPE`, `<![CDATA[` and the like end at the next `>`
                }
            case .markupDeclarationDash:
                if chunk[index] == UInt8(ascii: "-") {
                    state = .comment
                    commentDashes = 3
                    commentBang = false
                    index += 1
                } else {
                    state = .bogusComment
                }
            case .comment:
                index = scanComment(chunk, from: index)
            case .bogusComment:
                index = ByteSearch.first(UInt8(ascii: ">"), in: chunk, from: index)
                if index < count {
                    state = .data
                    index += 1
                }
            case .rawText:
                index = scanRawText(chunk, from: index)
            }
        }
    }

    /// Ends the document: an unfinished tag or comment is dropped, as HTML does at end of file.
    mutating func finish() {
        state = .data
        attributes.reset()
    }

    // MARK: - States that consume runs of bytes

    private mutating func scanTagName<Handler: HTMLTokenHandler>(
        _ chunk: UnsafeBufferPointer<UInt8>,
        from start: Int,
        lines: inout LineCounter,
        handler: inout Handler
    ) -> Int {
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            if byte.isHTMLWhitespace || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                finishTagName(line: lines.line(at: index, in: chunk))
                if byte == UInt8(ascii: ">") {
                    emitTag(handler: &handler)
                } else {
                    state = byte == UInt8(ascii: "/") ? .selfClosingStartTag : .beforeAttributeName
                }
                return index + 1
            }
            if nameLength < 8 {
                packedName |= UInt64(byte.asciiLowercased) << (8 * UInt64(nameLength))
            }
            nameLength += 1
            index += 1
        }
        return index
    }

    private mutating func scanAttributeName<Handler: HTMLTokenHandler>(
        _ chunk: UnsafeBufferPointer<UInt8>,
        from start: Int,
        handler: inout Handler
    ) -> Int {
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            switch byte {
            case 0x09, 0x0A, 0x0C, 0x0D, 0x20:
                finishAttributeName()
                state = .afterAttributeName
                return index + 1
            case UInt8(ascii: "/"):
                finishAttributeName()
                state = .selfClosingStartTag
                return index + 1
            case UInt8(ascii: "="):
                finishAttributeName()
                state = .beforeAttributeValue
                return index + 1
            case UInt8(ascii: ">"):
                finishAttributeName()
                emitTag(handler: &handler)
                return index + 1
            default:
                if isCollecting {
                    appendAttributeName(byte)
                }
                index += 1
            }
        }
        return index
    }

    private mutating func scanUnquotedValue<Handler: HTMLTokenHandler>(
        _ chunk: UnsafeBufferPointer<UInt8>,
        from start: Int,
        handler: inout Handler
    ) -> Int {
        var index = start
        while index < chunk.count {
            let byte = chunk[index]
            if byte.isHTMLWhitespace || byte == UInt8(ascii: ">") {
                break
            }
            index += 1
        }
        if attributes.isRecording, index > start {
            attributes.append(UnsafeBufferPointer(rebasing: chunk[start..<index]))
        }
        guard index < chunk.count else { return index }
        attributes.end()
        if chunk[index] == UInt8(ascii: ">") {
            emitTag(handler: &handler)
        } else {
            state = .beforeAttributeName
        }
        return index + 1
    }

    private mutating func scanComment(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < chunk.count {
            if commentDashes == 0, !commentBang {
                // Nothing can end the comment before the next dash.
                index = ByteSearch.first(UInt8(ascii: "-"), in: chunk, from: index)
                guard index < chunk.count else { return index }
            }
            let byte = chunk[index]
            index += 1
            switch byte {
            case UInt8(ascii: "-"):
                if commentBang {
                    commentDashes = 1
                    commentBang = false
                } else {
                    commentDashes = commentDashes == 3 ? 4 : (commentDashes == 4 ? 2 : min(commentDashes + 1, 2))
                }
            case UInt8(ascii: ">"):
                if commentDashes >= 2 || commentBang {
                    state = .data
                    return index
                }
                commentDashes = 0
            case UInt8(ascii: "!") where commentDashes == 2 && !commentBang:
                commentBang = true
            default:
                commentDashes = 0
                commentBang = false
            }
        }
        return index
    }

    private mutating func scanRawText(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < chunk.count {
            if rawTextMatched == 0 {
                index = ByteSearch.first(UInt8(ascii: "<"), in: chunk, from: index)
                guard index < chunk.count else { return index }
                rawTextMatched = 1
                index += 1
                continue
            }
            let byte = chunk[index]
            if rawTextMatched == 1 {
                rawTextMatched = byte == UInt8(ascii: "/") ? 2 : 0
                if rawTextMatched == 2 { index += 1 }
                continue
            }
            let matchedName = rawTextMatched - 2
            if matchedName < rawTextName.count {
                if byte.asciiLowercased == rawTextName[matchedName] {
                    rawTextMatched += 1
                    index += 1
                } else {
                    rawTextMatched = 0  // reconsider this byte: it may be the next `<`
                }
                continue
            }
            rawTextMatched = 0
            if byte.isHTMLWhitespace || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") {
                // The end tag: its attributes, if any, are tokenized and ignored.
                isEndTag = true
                tagKind = rawTextKind
                isCollecting = false
                state = .beforeAttributeName
                return index
            }
        }
        return index
    }

    // MARK: - Tag bookkeeping

    private mutating func beginTag(isEnd: Bool) {
        isEndTag = isEnd
        packedName = 0
        nameLength = 0
        isCollecting = false
        attributes.reset()
    }

    private mutating func finishTagName(line: Int) {
        tagKind = HTMLTagKind(packed: packedName, length: nameLength)
        tagLine = line
        isCollecting = !isEndTag && tagKind.collectsAttributes
    }

    private mutating func beginAttributeName() {
        attributes.end()
        attributeName.removeAll(keepingCapacity: true)
        attributeNameOverflow = false
    }

    private mutating func appendAttributeName(_ byte: UInt8) {
        if attributeName.count < 32 {
            attributeName.append(byte.asciiLowercased)
        } else {
            attributeNameOverflow = true
        }
    }

    private mutating func finishAttributeName() {
        guard isCollecting, !attributeNameOverflow, let key = AttributeKey(name: attributeName[...]) else { return }
        if !attributes.contains(key) {  // duplicates: the first one wins
            attributes.begin(key)
        }
    }

    private mutating func emitTag<Handler: HTMLTokenHandler>(handler: inout Handler) {
        attributes.end()
        state = .data
        if isEndTag {
            if tagKind == .picture || tagKind == .noscript {
                handler.endTag(tagKind)
            }
            return
        }
        if isCollecting || tagKind == .picture || tagKind == .noscript {
            handler.startTag(tagKind, attributes: attributes, line: tagLine)
        }
        attributes.reset()
        if tagKind.hasRawTextContent {
            rawTextKind = tagKind
            rawTextName = tagKind.name
            rawTextMatched = 0
            state = .rawText
        }
    }
}
