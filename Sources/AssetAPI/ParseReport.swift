/// The document `assetctl parse --json` prints (DESIGN.md §5): what the daemon would see in an article and pick.
///
/// Absent values are written as JSON `null`, never left out, so the shape is the same for every image.
package struct ParseReport: Codable, Sendable, Equatable {
    /// The effective base URL relative candidates were resolved against, if any.
    package var base: String?
    /// One entry per image, in document order.
    package var images: [Image]
    /// Problems found while reading the article.
    package var diagnostics: [Diagnostic]

    package init(base: String?, images: [Image], diagnostics: [Diagnostic]) {
        self.base = base
        self.images = images
        self.diagnostics = diagnostics
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(base, forKey: .base)
        try container.encode(images, forKey: .images)
        try container.encode(diagnostics, forKey: .diagnostics)
    }

    /// One image: its sources and the candidates selected for fetching.
    package struct Image: Codable, Sendable, Equatable {
        /// The 1-based line where the image starts.
        package var line: Int
        /// Its srcset lists in document order.
        package var sources: [Source]
        /// The chosen candidates: one, none when nothing is selectable, or all of them under policy `all`.
        package var selected: [Candidate]

        package init(line: Int, sources: [Source], selected: [Candidate]) {
            self.line = line
            self.sources = sources
            self.selected = selected
        }
    }

    /// One srcset list and the attributes that govern it.
    package struct Source: Codable, Sendable, Equatable {
        /// `source`, `img`, `link` or `text`.
        package var element: String
        /// `srcset`, `data-srcset`, `data-lazy-srcset`, `imagesrcset`, `src`, `data-src` or `text`.
        package var attribute: String
        package var media: String?
        package var type: String?
        package var sizes: String?
        package var candidates: [Candidate]

        package init(
            element: String,
            attribute: String,
            media: String?,
            type: String?,
            sizes: String?,
            candidates: [Candidate]
        ) {
            self.element = element
            self.attribute = attribute
            self.media = media
            self.type = type
            self.sizes = sizes
            self.candidates = candidates
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(element, forKey: .element)
            try container.encode(attribute, forKey: .attribute)
            try container.encode(media, forKey: .media)
            try container.encode(type, forKey: .type)
            try container.encode(sizes, forKey: .sizes)
            try container.encode(candidates, forKey: .candidates)
        }
    }

    /// A candidate URL with its descriptors as written (`null` when absent).
    package struct Candidate: Codable, Sendable, Equatable {
        /// The resolved URL (or the URL as written when it could not be resolved).
        package var url: String
        /// The `w` descriptor.
        package var w: Int?
        /// The `x` descriptor.
        package var x: Double?
        /// The `h` descriptor.
        package var h: Int?

        package init(url: String, w: Int?, x: Double?, h: Int?) {
            self.url = url
            self.w = w
            self.x = x
            self.h = h
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(w, forKey: .w)
            try container.encode(x, forKey: .x)
            try container.encode(h, forKey: .h)
        }
    }

    /// Something in the article that was skipped, with its line.
    package struct Diagnostic: Codable, Sendable, Equatable {
        package var line: Int
        package var message: String

        package init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }
}
