/// The element an image source was found on.
public enum SourceElement: String, Sendable, Hashable, CaseIterable {
    /// `<source>` inside `<picture>`.
    case source
    /// `<img>`.
    case img
    /// `<link rel=preload as=image>`.
    case link
    /// A srcset run in plain text (or in an HTML text node).
    case text
}

/// The attribute an image source was read from.
public enum SourceAttribute: String, Sendable, Hashable, CaseIterable {
    /// `srcset`.
    case srcset
    /// `data-srcset` (lazy loading).
    case dataSrcset = "data-srcset"
    /// `data-lazy-srcset` (lazy loading).
    case dataLazySrcset = "data-lazy-srcset"
    /// `imagesrcset` on `<link rel=preload>`.
    case imagesrcset
    /// `src`: a single candidate.
    case src
    /// `data-src` (lazy loading): a single candidate.
    case dataSrc = "data-src"
    /// `href` of a `<link rel=preload as=image>` without `imagesrcset`: a single candidate.
    case href
    /// A srcset run found in text.
    case text
}

/// One srcset list of an image, with the attributes that govern its use.
public struct ImageSource: Sendable, Hashable {
    /// The element the list was found on.
    public var element: SourceElement
    /// The attribute the list was read from.
    public var attribute: SourceAttribute
    /// The `media` attribute of a `<source>` (or `<link>`), decoded; `nil` when absent.
    public var media: String?
    /// The `type` attribute of a `<source>`, decoded; `nil` when absent.
    public var type: String?
    /// The `sizes` (or `imagesizes`) attribute, decoded; `nil` when absent.
    public var sizes: String?
    /// The valid candidates in document order (invalid ones are dropped and reported as diagnostics).
    public var candidates: [ImageCandidate]

    /// Creates an image source.
    /// - Parameters:
    ///   - element: where the list was found.
    ///   - attribute: which attribute held it.
    ///   - media: the media condition list, if any.
    ///   - type: the MIME type, if any.
    ///   - sizes: the sizes attribute, if any.
    ///   - candidates: the parsed candidates.
    public init(
        element: SourceElement,
        attribute: SourceAttribute,
        media: String? = nil,
        type: String? = nil,
        sizes: String? = nil,
        candidates: [ImageCandidate]
    ) {
        self.element = element
        self.attribute = attribute
        self.media = media
        self.type = type
        self.sizes = sizes
        self.candidates = candidates
    }
}
