/// The attributes the scanner cares about.
enum AttributeKey: Int, Sendable, CaseIterable {
    case srcset, sizes, src, dataSrcset, dataLazySrcset, dataSrc, media, type, rel, `as`, href, imagesrcset
    case imagesizes, charset, httpEquiv, content

    /// The attribute's name in markup.
    var name: String {
        switch self {
        case .srcset: "srcset"
        case .sizes: "sizes"
        case .src: "src"
        case .dataSrcset: "data-srcset"
        case .dataLazySrcset: "data-lazy-srcset"
        case .dataSrc: "data-src"
        case .media: "media"
        case .type: "type"
        case .rel: "rel"
        case .as: "as"
        case .href: "href"
        case .imagesrcset: "imagesrcset"
        case .imagesizes: "imagesizes"
        case .charset: "charset"
        case .httpEquiv: "http-equiv"
        case .content: "content"
        }
    }

    private static let names: [(bytes: [UInt8], key: AttributeKey)] = allCases.map { (Array($0.name.utf8), $0) }

    /// The key for a lower-cased attribute name, or `nil` when the scanner ignores that attribute.
    /// - Parameter name: the lower-cased name bytes.
    init?(name: ArraySlice<UInt8>) {
        for entry in Self.names where entry.bytes.count == name.count && entry.bytes.elementsEqual(name) {
            self = entry.key
            return
        }
        return nil
    }
}

/// The raw (undecoded) values of the wanted attributes of one tag, in one reusable buffer.
///
/// Only the first occurrence of an attribute counts, as in HTML. A value longer than `maximumValueLength` is not
/// kept: the attribute is marked as oversized instead, so memory stays bounded on hostile input.
struct TagAttributes: Sendable {
    /// The longest attribute value kept, in bytes (1 MiB).
    static let maximumValueLength = 1 << 20

    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>?] = Array(repeating: nil, count: AttributeKey.allCases.count)
    private var oversized: [Bool] = Array(repeating: false, count: AttributeKey.allCases.count)
    private var current: AttributeKey?
    private var currentStart = 0

    /// Whether any attribute was recorded since the last reset.
    private var isEmpty = true

    /// Forgets every attribute, keeping the buffer's capacity.
    mutating func reset() {
        guard !isEmpty || current != nil else { return }
        bytes.removeAll(keepingCapacity: bytes.capacity <= 4 * Self.maximumValueLength)
        for index in ranges.indices {
            ranges[index] = nil
            oversized[index] = false
        }
        current = nil
        isEmpty = true
    }

    /// Whether the attribute was already seen on this tag.
    func contains(_ key: AttributeKey) -> Bool {
        ranges[key.rawValue] != nil || oversized[key.rawValue]
    }

    /// Starts recording the value of `key` (an attribute without a value has the empty value).
    mutating func begin(_ key: AttributeKey) {
        end()
        current = key
        currentStart = bytes.count
        ranges[key.rawValue] = currentStart..<currentStart
        isEmpty = false
    }

    /// Whether a value is being recorded.
    var isRecording: Bool { current != nil }

    /// Appends bytes to the value being recorded, if any.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let key = current else { return }
        if bytes.count - currentStart + chunk.count > Self.maximumValueLength {
            oversized[key.rawValue] = true
            ranges[key.rawValue] = nil
            bytes.removeSubrange(currentStart...)
            current = nil
            return
        }
        bytes.append(contentsOf: chunk)
    }

    /// Appends one byte to the value being recorded, if any.
    mutating func append(_ byte: UInt8) {
        withUnsafePointer(to: byte) { append(UnsafeBufferPointer(start: $0, count: 1)) }
    }

    /// Finishes the value being recorded.
    mutating func end() {
        guard let key = current else { return }
        ranges[key.rawValue] = currentStart..<bytes.count
        current = nil
    }

    /// The raw bytes of an attribute's value, or `nil` when absent (or oversized).
    subscript(key: AttributeKey) -> ArraySlice<UInt8>? {
        guard let range = ranges[key.rawValue] else { return nil }
        return bytes[range]
    }

    /// The attributes that were too long to keep.
    var oversizedKeys: [AttributeKey] {
        AttributeKey.allCases.filter { oversized[$0.rawValue] }
    }
}
