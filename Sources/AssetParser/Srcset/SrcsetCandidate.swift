/// One candidate of a srcset attribute as written: the URL before resolution and its descriptors.
public struct SrcsetCandidate: Sendable, Hashable {
    /// The URL exactly as written in the attribute (not resolved, not percent-encoded).
    public var url: String
    /// The `w` descriptor in image pixels (always > 0); `nil` when absent.
    public var width: Int?
    /// The `x` descriptor (pixel density, always ≥ 0); `nil` when absent.
    public var density: Double?
    /// The `h` descriptor in image pixels (always > 0, only together with `width`); `nil` when absent.
    public var height: Int?

    /// Creates a candidate.
    /// - Parameters:
    ///   - url: the URL as written.
    ///   - width: the `w` descriptor.
    ///   - density: the `x` descriptor.
    ///   - height: the `h` descriptor.
    public init(url: String, width: Int? = nil, density: Double? = nil, height: Int? = nil) {
        self.url = url
        self.width = width
        self.density = density
        self.height = height
    }
}
