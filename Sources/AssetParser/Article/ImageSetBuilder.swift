/// Turns tags and text runs into image sets: groups `<picture>` sources with their `<img>`, honours `<base href>`
/// and `<meta charset>`, decodes attribute values, parses srcsets and resolves candidate URLs.
///
/// Decisions:
/// - An `<img>` (or `<source>`) gets one `ImageSource` per non-empty image attribute, in the order a page's
///   lazy-loading script would give them effect: `data-lazy-srcset`, `data-srcset`, `srcset`, `data-src`, `src`.
///   The lazy attributes come first because the script copies them over the native ones.
/// - A `src` that is a `data:` URL is dropped when the `<img>` also has a lazy attribute: that is the placeholder
///   the script replaces (typically a 1×1 GIF), never the image the reader sees.
/// - `<source>` outside `<picture>` (video, audio) is ignored, and so is its `src`.
/// - An `<img>` inside `<picture>` ends the set: its sources are the picture's `<source>`s seen so far, then its
///   own; the set's line is the `<picture>`'s. Pictures nest (a stack capped at `maximumPictureDepth`). An `<img>`
///   in a `<noscript>` inside the picture stands alone (its parent is the `<noscript>`). `<noscript>` content is
///   markup, as for a user agent without scripting, so the fallback `<img>` of a lazy image is found too.
/// - `<base href>`: the first one with an `href` wins, resolved against the article's URL. It applies to what
///   follows it; a `<base>` after an image does not change that image (the scanner streams).
/// - `<meta charset>` / `<meta http-equiv=content-type content=…charset=…>`: the first supported label wins unless
///   a byte order mark fixed the encoding; it applies to attribute values that follow it.
struct ImageSetBuilder: Sendable {
    /// How deep `<picture>`s are tracked; deeper ones are ignored.
    static let maximumPictureDepth = 32
    /// How many `<source>`s one picture keeps.
    static let maximumSourcesPerPicture = 64
    /// How many diagnostics one article reports.
    static let maximumDiagnostics = 10_000

    private struct Picture: Sendable {
        var line: Int
        var sources: [ImageSource] = []
        /// `<noscript>`s open inside this picture: an `<img>` in one is not the picture's child.
        var noscriptDepth = 0
    }

    private let articleURL: String?
    private(set) var base: String?
    private var hasBaseElement = false
    private(set) var encoding: TextEncoding = .utf8
    private var isEncodingFixed = false
    private var pictures: [Picture] = []
    private var ignoredPictureDepth = 0
    /// Whether text runs come from an HTML document (character references are decoded) or plain text.
    var isHTML = true
    private(set) var output = ArticleScanBatch()
    private var resolutionCache: [String: URLResolution] = [:]
    /// How many resolved URLs are remembered before the cache starts over.
    static let maximumCachedResolutions = 512
    /// The longest URL remembered, in bytes, so that the cache stays small (at most 512 URLs of 2 KiB each).
    static let maximumCachedURLLength = 2048
    private var diagnosticCount = 0

    /// Creates a builder.
    /// - Parameter articleURL: the article's own URL, the base until a `<base href>` says otherwise.
    init(articleURL: String?) {
        self.articleURL = articleURL
        self.base = articleURL
    }

    /// Takes the images and diagnostics produced since the last call.
    mutating func takeOutput() -> ArticleScanBatch {
        defer { output = ArticleScanBatch() }
        return output
    }

    /// Fixes the encoding (from a byte order mark); later `<meta>` declarations are ignored.
    mutating func fixEncoding(_ encoding: TextEncoding) {
        self.encoding = encoding
        isEncodingFixed = true
    }

    /// Records a diagnostic; after `maximumDiagnostics` of them, one last one says the rest were dropped.
    mutating func diagnose(line: Int, _ message: String) {
        diagnosticCount += 1
        if diagnosticCount <= Self.maximumDiagnostics {
            output.diagnostics.append(ParseDiagnostic(line: line, message: message))
        } else if diagnosticCount == Self.maximumDiagnostics + 1 {
            output.diagnostics.append(
                ParseDiagnostic(line: line, message: "too many diagnostics: the rest are dropped")
            )
        }
    }

    // MARK: - Elements

    /// Handles a start tag reported by the tokenizer.
    mutating func startTag(_ kind: HTMLTagKind, attributes: TagAttributes, line: Int) {
        for key in attributes.oversizedKeys {
            diagnose(line: line, "<\(kind)> \(key.name) longer than \(TagAttributes.maximumValueLength) bytes: ignored")
        }
        switch kind {
        case .img: image(attributes, line: line)
        case .source: source(attributes, line: line)
        case .picture:
            if pictures.count < Self.maximumPictureDepth {
                pictures.append(Picture(line: line))
            } else {
                ignoredPictureDepth += 1
            }
        case .noscript:
            if !pictures.isEmpty, ignoredPictureDepth == 0 {
                pictures[pictures.count - 1].noscriptDepth += 1
            }
        case .link: link(attributes, line: line)
        case .base: baseElement(attributes, line: line)
        case .meta: meta(attributes, line: line)
        default: break
        }
    }

    /// Handles `</picture>` and `</noscript>`.
    mutating func endTag(_ kind: HTMLTagKind) {
        switch kind {
        case .picture:
            if ignoredPictureDepth > 0 {
                ignoredPictureDepth -= 1
            } else if !pictures.isEmpty {
                pictures.removeLast()
            }
        case .noscript:
            if !pictures.isEmpty, ignoredPictureDepth == 0, pictures[pictures.count - 1].noscriptDepth > 0 {
                pictures[pictures.count - 1].noscriptDepth -= 1
            }
        default:
            break
        }
    }

    /// Handles a srcset run found in text.
    mutating func textRun(_ run: PlainTextScanner.Run) {
        let value = run.text.withUnsafeBufferPointer { bytes in
            isHTML ? CharacterReferences.decode(bytes, encoding: encoding, in: .text) : encoding.decode(bytes)
        }
        if let source = makeSource(value, element: .text, attribute: .text, line: run.line) {
            output.images.append(ImageSet(line: run.line, sources: [source]))
        }
    }

    private mutating func image(_ attributes: TagAttributes, line: Int) {
        var sources = lazySourceList(attributes, element: .img, line: line)
        let hasLazyAttribute = [AttributeKey.dataLazySrcset, .dataSrcset, .dataSrc].contains { key in
            attributes[key].map { !$0.allSatisfy(\.isHTMLWhitespace) } ?? false
        }
        for (key, attribute) in [(AttributeKey.dataSrc, SourceAttribute.dataSrc), (.src, .src)] {
            guard let value = decodedValue(attributes, key) else { continue }
            if key == .src, hasLazyAttribute, value.trimmingASCIIWhitespace().lowercased().hasPrefix("data:") {
                continue
            }
            if let source = makeSingleSource(value, element: .img, attribute: attribute, line: line) {
                sources.append(source)
            }
        }
        if let picture = pictures.last, picture.noscriptDepth == 0 {
            let all = picture.sources + sources
            if !all.isEmpty {
                output.images.append(ImageSet(line: picture.line, sources: all))
            }
        } else if !sources.isEmpty {
            output.images.append(ImageSet(line: line, sources: sources))
        }
    }

    private mutating func source(_ attributes: TagAttributes, line: Int) {
        guard !pictures.isEmpty, ignoredPictureDepth == 0 else { return }
        let sources = lazySourceList(attributes, element: .source, line: line)
        let index = pictures.count - 1
        for source in sources {
            if pictures[index].sources.count < Self.maximumSourcesPerPicture {
                pictures[index].sources.append(source)
            } else {
                diagnose(line: line, "<picture> has more than \(Self.maximumSourcesPerPicture) sources: ignored")
            }
        }
    }

    /// The srcset-like sources of an `<img>` or `<source>`, lazy attributes first.
    private mutating func lazySourceList(
        _ attributes: TagAttributes,
        element: SourceElement,
        line: Int
    ) -> [ImageSource] {
        let sizes = decodedValue(attributes, .sizes)
        let media = element == .source ? decodedValue(attributes, .media) : nil
        let type = element == .source ? decodedValue(attributes, .type) : nil
        var sources: [ImageSource] = []
        let keys: [(AttributeKey, SourceAttribute)] = [
            (.dataLazySrcset, .dataLazySrcset), (.dataSrcset, .dataSrcset), (.srcset, .srcset),
        ]
        for (key, attribute) in keys {
            guard let value = decodedValue(attributes, key),
                var source = makeSource(value, element: element, attribute: attribute, line: line)
            else { continue }
            source.sizes = sizes
            source.media = media
            source.type = type
            sources.append(source)
        }
        return sources
    }

    private mutating func link(_ attributes: TagAttributes, line: Int) {
        guard attributes[.as] != nil else { return }  // most links are stylesheets and icons
        guard let rel = decodedValue(attributes, .rel), let destination = decodedValue(attributes, .as) else { return }
        let relTokens = rel.lowercased().split(whereSeparator: { $0.unicodeScalars.allSatisfy(\.isASCIIWhitespace) })
        guard relTokens.contains("preload"), destination.trimmingASCIIWhitespace().lowercased() == "image" else {
            return
        }
        var chosen: ImageSource?
        if let value = decodedValue(attributes, .imagesrcset),
            var source = makeSource(value, element: .link, attribute: .imagesrcset, line: line)
        {
            source.sizes = decodedValue(attributes, .imagesizes)
            chosen = source
        } else if let href = decodedValue(attributes, .href) {
            // Without `imagesrcset` the preload fetches `href`.
            chosen = makeSingleSource(href, element: .link, attribute: .href, line: line)
        }
        guard var source = chosen else { return }
        source.media = decodedValue(attributes, .media)
        source.type = decodedValue(attributes, .type)
        output.images.append(ImageSet(line: line, sources: [source]))
    }

    private mutating func baseElement(_ attributes: TagAttributes, line: Int) {
        guard !hasBaseElement, let href = decodedValue(attributes, .href) else { return }
        hasBaseElement = true
        switch URLResolver.resolve(href.trimmingASCIIWhitespace(), base: articleURL) {
        case .fetchable(let url), .notFetchable(let url, _):
            base = url
            resolutionCache.removeAll()
        case .unresolvable(let reason):
            diagnose(line: line, "<base href=\"\(Self.shortened(href))\"> ignored: \(reason)")
        }
    }

    private mutating func meta(_ attributes: TagAttributes, line: Int) {
        guard !isEncodingFixed else { return }
        var label: String?
        if let charset = decodedValue(attributes, .charset) {
            label = charset
        } else if let equiv = decodedValue(attributes, .httpEquiv),
            equiv.trimmingASCIIWhitespace().lowercased() == "content-type",
            let content = decodedValue(attributes, .content)
        {
            label = MetaCharset.extract(fromContent: content)
        }
        guard let label else { return }
        if let encoding = TextEncoding(label: label) {
            self.encoding = encoding
            isEncodingFixed = true
        } else {
            diagnose(line: line, "unsupported encoding \"\(Self.shortened(label))\": decoding as \(encoding.name)")
        }
    }

    // MARK: - Values to sources

    private func decodedValue(_ attributes: TagAttributes, _ key: AttributeKey) -> String? {
        guard let bytes = attributes[key] else { return nil }
        return bytes.withUnsafeBufferPointer { CharacterReferences.decode($0, encoding: encoding, in: .attribute) }
    }

    /// A source from a srcset value, or `nil` when it yields no candidate; problems become diagnostics.
    private mutating func makeSource(
        _ value: String,
        element: SourceElement,
        attribute: SourceAttribute,
        line: Int
    ) -> ImageSource? {
        guard !value.unicodeScalars.allSatisfy(\.isASCIIWhitespace) else { return nil }
        let parsed = SrcsetParser.parse(value)
        let label = Self.label(element, attribute)
        for problem in parsed.problems {
            diagnose(line: line, "\(label): \(problem)")
        }
        let candidates = parsed.candidates.map { candidate in
            resolve(
                candidate.url,
                width: candidate.width,
                density: candidate.density,
                height: candidate.height,
                label: label,
                line: line
            )
        }
        guard !candidates.isEmpty else { return nil }
        return ImageSource(element: element, attribute: attribute, candidates: candidates)
    }

    /// A one-candidate source from a URL attribute (`src`, `data-src`, `href`), or `nil` when it is empty.
    private mutating func makeSingleSource(
        _ value: String,
        element: SourceElement,
        attribute: SourceAttribute,
        line: Int
    ) -> ImageSource? {
        let url = value.trimmingASCIIWhitespace()
        guard !url.isEmpty else { return nil }
        let candidate = resolve(url, label: Self.label(element, attribute), line: line)
        return ImageSource(element: element, attribute: attribute, candidates: [candidate])
    }

    private mutating func resolve(
        _ url: String,
        width: Int? = nil,
        density: Double? = nil,
        height: Int? = nil,
        label: String,
        line: Int
    ) -> ImageCandidate {
        switch cachedResolution(of: url) {
        case .fetchable(let resolved):
            return ImageCandidate(url: resolved, width: width, density: density, height: height)
        case .notFetchable(let resolved, let reason):
            diagnose(line: line, "\(label): \(Self.shortened(resolved)) is not fetched: \(reason)")
            return ImageCandidate(url: resolved, width: width, density: density, height: height, isSelectable: false)
        case .unresolvable(let reason):
            diagnose(line: line, "\(label): \(Self.shortened(url)) cannot be resolved: \(reason)")
            return ImageCandidate(url: url, width: width, density: density, height: height, isSelectable: false)
        }
    }

    /// `URLResolver.resolve(url, base: base)`, remembered for the last `maximumCachedResolutions` distinct URLs
    /// (pages repeat URLs: a lazy image and its `<noscript>` twin, a `<source>` and its `<img>`). An absolute
    /// `http(s)://` URL ignores any base, so none is passed for it and the base need not be parsed.
    private mutating func cachedResolution(of url: String) -> URLResolution {
        let isCacheable = url.utf8.count <= Self.maximumCachedURLLength
        if isCacheable, let known = resolutionCache[url] {
            return known
        }
        let resolution = URLResolver.resolve(url, base: Self.isAbsoluteHTTP(url) ? nil : base)
        if isCacheable {
            if resolutionCache.count >= Self.maximumCachedResolutions {
                resolutionCache.removeAll(keepingCapacity: true)
            }
            resolutionCache[url] = resolution
        }
        return resolution
    }

    /// Whether `url` starts with `http://` or `https://` (ASCII case-insensitive).
    private static func isAbsoluteHTTP(_ url: String) -> Bool {
        var iterator = url.utf8.makeIterator()
        for expected in "http".utf8 {
            guard let byte = iterator.next(), byte.asciiLowercased == expected else { return false }
        }
        var next = iterator.next()
        if next.map({ $0.asciiLowercased }) == UInt8(ascii: "s") {
            next = iterator.next()
        }
        return next == UInt8(ascii: ":") && iterator.next() == UInt8(ascii: "/") && iterator.next() == UInt8(ascii: "/")
    }

    private static func label(_ element: SourceElement, _ attribute: SourceAttribute) -> String {
        element == .text ? "text" : "<\(element.rawValue)> \(attribute.rawValue)"
    }

    /// A value cut to 120 characters for a diagnostic.
    static func shortened(_ value: String) -> String {
        value.count <= 120 ? value : String(value.prefix(117)) + "..."
    }
}
