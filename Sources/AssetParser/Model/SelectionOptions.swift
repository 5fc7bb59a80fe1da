/// How to choose among the candidates of an image (DESIGN.md §4).
public enum SelectionPolicy: String, Sendable, Hashable, CaseIterable {
    /// What a browser does at the given dpr: the smallest density ≥ dpr, else the largest.
    case fit
    /// The widest candidate (or the highest density).
    case largest
    /// The narrowest candidate (or the lowest density).
    case smallest
    /// Every selectable candidate (mirroring).
    case all
}

/// The rendering context and policy used to pick variants.
public struct SelectionOptions: Sendable, Hashable {
    /// The CSS width in px the image will be shown at; overrides `sizes` when set.
    public var width: Double?
    /// The device pixel ratio; default 1.
    public var dpr: Double
    /// The viewport width in CSS px, for `vw` lengths and media conditions; default 1280.
    public var viewport: Double
    /// The selection policy; default `fit`.
    public var policy: SelectionPolicy
    /// MIME types a `<source type>` may name and still be chosen; `nil` accepts every `image/*` type.
    public var acceptedTypes: Set<String>?
    /// The viewport height in CSS px, for `vh` lengths and height media conditions; `nil` means three quarters
    /// of `viewport` (a 4:3 window, 960 px for the default 1280).
    public var viewportHeight: Double?

    /// Creates selection options.
    /// - Parameters:
    ///   - width: the display width in CSS px, overriding `sizes`.
    ///   - dpr: the device pixel ratio.
    ///   - viewport: the viewport width in CSS px.
    ///   - policy: the selection policy.
    ///   - acceptedTypes: accepted `<source type>` values, or `nil` for every `image/*`.
    ///   - viewportHeight: the viewport height in CSS px, or `nil` for three quarters of `viewport`.
    public init(
        width: Double? = nil,
        dpr: Double = 1,
        viewport: Double = 1280,
        policy: SelectionPolicy = .fit,
        acceptedTypes: Set<String>? = nil,
        viewportHeight: Double? = nil
    ) {
        self.width = width
        self.dpr = dpr
        self.viewport = viewport
        self.policy = policy
        self.acceptedTypes = acceptedTypes
        self.viewportHeight = viewportHeight
    }
}
