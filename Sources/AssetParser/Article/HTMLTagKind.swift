/// The elements the tokenizer tells apart; every other element is `.other`.
enum HTMLTagKind: UInt8, Sendable {
    case other
    case img
    case source
    case picture
    case link
    case base
    case meta
    case script
    case style
    case textarea
    case title
    case xmp
    case iframe
    case noembed
    case noframes
    case noscript

    /// Identifies a lower-cased tag name of at most 8 bytes packed little-endian into `packed`.
    /// - Parameters:
    ///   - packed: the name's bytes, first byte in the lowest position.
    ///   - length: the name's length in bytes; longer than 8 means `.other`.
    init(packed: UInt64, length: Int) {
        // A NUL byte adds nothing to `packed`; the length check keeps `img\0` from reading as `img`.
        guard length <= 8, (64 - packed.leadingZeroBitCount + 7) / 8 == length else {
            self = .other
            return
        }
        switch packed {
        case 0x676D69:  // "img"
            self = .img
        case 0x656372756F73:  // "source"
            self = .source
        case 0x65727574636970:  // "picture"
            self = .picture
        case 0x6B6E696C:  // "link"
            self = .link
        case 0x65736162:  // "base"
            self = .base
        case 0x6174656D:  // "meta"
            self = .meta
        case 0x747069726373:  // "script"
            self = .script
        case 0x656C797473:  // "style"
            self = .style
        case 0x6165726174786574:  // "textarea"
            self = .textarea
        case 0x656C746974:  // "title"
            self = .title
        case 0x706D78:  // "xmp"
            self = .xmp
        case 0x656D61726669:  // "iframe"
            self = .iframe
        case 0x6465626D656F6E:  // "noembed"
            self = .noembed
        case 0x73656D6172666F6E:  // "noframes"
            self = .noframes
        case 0x7470697263736F6E:  // "noscript"
            self = .noscript
        default: self = .other
        }
    }

    /// Whether the attributes of a start tag of this kind are collected.
    var collectsAttributes: Bool {
        switch self {
        case .img, .source, .link, .base, .meta: true
        default: false
        }
    }

    /// Whether the element's content is raw text or RCDATA, ending only at its own end tag. `<noscript>` is not:
    /// the parser is a user agent without scripting, so images inside `<noscript>` are found.
    var hasRawTextContent: Bool {
        switch self {
        case .script, .style, .textarea, .title, .xmp, .iframe, .noembed, .noframes: true
        default: false
        }
    }

    /// The lower-cased tag name, for raw-text end tag matching.
    var name: [UInt8] {
        Array(String(describing: self).utf8)
    }
}
