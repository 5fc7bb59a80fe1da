/// One row of `images`: an image set found in an article, with its sources and what was selected.
package struct ImageRecord: Sendable, Hashable {
    /// The image's position in the article, from 0.
    package var ordinal: Int
    /// The 1-based line of the article where it starts.
    package var line: Int
    /// The sources and their candidates as JSON (the `sources` array of `assetctl parse --json`).
    package var sourcesJSON: String
    /// The selected candidates as JSON (the `selected` array of `assetctl parse --json`).
    package var selectedJSON: String
    /// The URLs of the selected candidates, in order; each is an asset of the article.
    package var selectedURLs: [String]

    /// Creates an image value; used both to enqueue and in query results.
    /// - Parameters:
    ///   - ordinal: the position in the article, from 0.
    ///   - line: the 1-based line where it starts.
    ///   - sourcesJSON: the sources as JSON text.
    ///   - selectedJSON: the selection as JSON text.
    ///   - selectedURLs: the selected URLs (absolute), which become assets.
    package init(ordinal: Int, line: Int, sourcesJSON: String, selectedJSON: String, selectedURLs: [String]) {
        self.ordinal = ordinal
        self.line = line
        self.sourcesJSON = sourcesJSON
        self.selectedJSON = selectedJSON
        self.selectedURLs = selectedURLs
    }
}
