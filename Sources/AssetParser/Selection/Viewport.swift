/// The rendering environment media conditions and `sizes` lengths are evaluated against.
struct Viewport: Sendable, Hashable {
    /// Width in CSS px (`vw`, `width`).
    var width: Double
    /// Height in CSS px (`vh`, `height`, `orientation`).
    var height: Double
    /// Device pixel ratio (`resolution`, `-webkit-device-pixel-ratio`).
    var dpr: Double

    /// The viewport of the given options: their height, else three quarters of their width (a 4:3 window).
    init(_ options: SelectionOptions) {
        self.init(width: options.viewport, height: options.viewportHeight ?? options.viewport * 0.75, dpr: options.dpr)
    }

    /// A viewport from its dimensions.
    init(width: Double, height: Double, dpr: Double = 1) {
        self.width = width
        self.height = height
        self.dpr = dpr
    }
}
