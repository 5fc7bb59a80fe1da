import AssetAPI
package import AssetParser
package import AssetStore
import FoundationEssentials

/// What the daemon keeps of a parsed article: its image rows (with the selection made) and its diagnostics. Pure.
package struct ArticleAnalysis: Sendable, Equatable {
    /// The image sets in document order, each with its selected URLs (the article's assets).
    package var images: [ImageRecord]
    /// The parser's diagnostics as `line N: message`.
    package var diagnostics: [String]
    /// The base URL the parser resolved against (`<base href>`, the article URL or the request's base URL).
    package var base: String?

    /// Selects a variant of every image set and renders the rows the index stores.
    /// - Parameters:
    ///   - result: The parser's output.
    ///   - options: The selection options.
    /// - Returns: The analysis; an image set without a valid candidate keeps its row with no selected URL.
    package static func make(_ result: ArticleParseResult, options: SelectionOptions) -> ArticleAnalysis {
        let encoder = APIJSON.makeEncoder()
        var images: [ImageRecord] = []
        var diagnostics = result.diagnostics.map { "line \($0.line): \($0.message)" }
        images.reserveCapacity(result.images.count)
        for (ordinal, image) in result.images.enumerated() {
            let selected = VariantSelector.select(image, options: options)
            // A data: URL carries its bytes inside the article: there is nothing to fetch, so it is no asset.
            let inline = selected.filter { Self.isInline($0.url) }
            if !inline.isEmpty {
                diagnostics.append(
                    "line \(image.line): an inline data: image was selected; its bytes are in the article, so "
                        + "nothing is fetched"
                )
            }
            let sources = image.sources.map { source in
                ParseReport.Source(
                    element: source.element.rawValue,
                    attribute: source.attribute.rawValue,
                    media: source.media,
                    type: source.type,
                    sizes: source.sizes,
                    candidates: source.candidates.map(candidate)
                )
            }
            images.append(
                ImageRecord(
                    ordinal: ordinal,
                    line: image.line,
                    sourcesJSON: json(sources, encoder),
                    selectedJSON: json(selected.map(candidate), encoder),
                    selectedURLs: selected.map(\.url).filter { !Self.isInline($0) }
                )
            )
        }
        return ArticleAnalysis(images: images, diagnostics: diagnostics, base: result.base)
    }

    /// Whether a selected URL is a `data:` URL, in any case (the parser lower-cases it; this does not rely on it).
    private static func isInline(_ url: String) -> Bool {
        url.prefix(5).lowercased() == "data:"
    }

    /// The distinct selected URLs in first-reference order.
    package var assetURLs: [String] {
        var seen = Set<String>()
        return images.flatMap(\.selectedURLs).filter { seen.insert($0).inserted }
    }

    private static func candidate(_ candidate: ImageCandidate) -> ParseReport.Candidate {
        ParseReport.Candidate(url: candidate.url, w: candidate.width, x: candidate.density, h: candidate.height)
    }

    private static func json(_ value: some Encodable, _ encoder: JSONEncoder) -> String {
        // Encoding plain strings and numbers cannot fail; an empty array stands in if it ever did.
        guard let data = try? encoder.encode(value) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}
