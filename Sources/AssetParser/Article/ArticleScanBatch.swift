/// What an `ArticleScanner` found in the bytes fed to it since the previous batch.
public struct ArticleScanBatch: Sendable, Hashable {
    /// Images completed in this batch, in document order.
    public var images: [ImageSet]
    /// Diagnostics raised in this batch, in document order.
    public var diagnostics: [ParseDiagnostic]

    /// Creates a batch.
    /// - Parameters:
    ///   - images: the completed images.
    ///   - diagnostics: the diagnostics.
    public init(images: [ImageSet] = [], diagnostics: [ParseDiagnostic] = []) {
        self.images = images
        self.diagnostics = diagnostics
    }
}
