/// One entry of a srcset list (or a lone `src`): a URL and the descriptors written after it.
public struct ImageCandidate: Sendable, Hashable {
    /// The URL resolved against the article's base, or the URL as written when it could not be resolved.
    public var url: String
    /// The `w` descriptor as written, in image pixels; `nil` when absent.
    public var width: Int?
    /// The `x` descriptor as written (pixel density); `nil` when absent.
    public var density: Double?
    /// The `h` descriptor as written, in image pixels; `nil` when absent.
    public var height: Int?
    /// Whether the daemon may fetch this candidate: an absolute `http`/`https` URL, or a `data:` URL.
    public var isSelectable: Bool

    /// Creates a candidate.
    /// - Parameters:
    ///   - url: the resolved URL (or the written one when unresolvable).
    ///   - width: the `w` descriptor.
    ///   - density: the `x` descriptor.
    ///   - height: the `h` descriptor.
    ///   - isSelectable: whether the candidate may be chosen for fetching.
    public init(url: String, width: Int? = nil, density: Double? = nil, height: Int? = nil, isSelectable: Bool = true) {
        self.url = url
        self.width = width
        self.density = density
        self.height = height
        self.isSelectable = isSelectable
    }
}
