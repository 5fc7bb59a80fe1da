/// The rendering environment media conditions and `sizes` lengths are evaluated against.
package struct Viewport: Sendable, Hashable {
    /// Width in CSS px (`vw`, `width`).
    package var width: Double
    /// Height in CSS px (`vh`, `height`, `orientation`).
    package var height: Double
    /// Device pixel ratio (`resolution`, `-webkit-device-pixel-ratio`).
    package var dpr: Double

    /// The viewport of the given options: their height, else three quarters of their width (a 4:3 window).
    package init(_ options: SelectionOptions) {
        self.init(width: options.viewport, height: options.viewportHeight ?? options.viewport * 0.75, dpr: options.dpr)
    }

    /// A viewport from its dimensions.
    package init(width: Double, height: Double, dpr: Double = 1) {
        self.width = width
        self.height = height
        self.dpr = dpr
    }
}
