/// Chooses which candidates of an image to fetch (DESIGN.md §4), the way a browser would at the given
/// viewport and device pixel ratio.
///
/// Source choice: the first `<source>` whose `media` matches the viewport, whose `type` is accepted and which
/// has at least one selectable candidate; otherwise the image's own lists (`<img>`, `<link>` or text). Among
/// those, a lazy-loading list (`data-lazy-srcset`, then `data-srcset`) wins over `srcset`/`imagesrcset`/text,
/// because that is what the page shows once its script runs, and `data-src` wins over `src` (then a `<link>`'s
/// `href`). The `src` joins the
/// srcset as a 1x candidate when the srcset has neither a 1x candidate nor `w` descriptors, as browsers do.
public enum VariantSelector {
    /// Selects candidates of one image.
    /// - Parameters:
    ///   - image: the image with its sources in document order.
    ///   - options: display width, dpr, viewport, policy and accepted types.
    /// - Returns: one candidate (`fit`, `largest`, `smallest`), every selectable candidate of every source
    ///   without repeated URLs (`all`), or `[]` when nothing is selectable. Only candidates with
    ///   `isSelectable == true` are returned.
    public static func select(_ image: ImageSet, options: SelectionOptions) -> [ImageCandidate] {
        if options.policy == .all {
            var seen = Set<String>()
            return image.sources.flatMap(\.candidates).filter { $0.isSelectable && seen.insert($0.url).inserted }
        }
        let viewport = Viewport(options)
        guard let list = chooseList(image, options: options, viewport: viewport) else { return [] }
        let sourceSize =
            options.width ?? list.sizes.map { SizesParser.evaluate($0, viewport: viewport) } ?? viewport.width
        let rated = list.candidates.map { Rated(candidate: $0, density: density(of: $0, sourceSize: sourceSize)) }
        let chosen: Rated?
        switch options.policy {
        case .fit:
            var seen = Set<Double>()
            let unique = rated.filter { seen.insert($0.density).inserted }
            let atLeastDPR = unique.filter { $0.density >= options.dpr }
            chosen = atLeastDPR.min { $0.density < $1.density } ?? unique.max { $0.density < $1.density }
        case .largest:
            chosen = rated.max { $0.density < $1.density }
        case .smallest:
            chosen = rated.min { $0.density < $1.density }
        case .all:
            chosen = nil
        }
        return chosen.map { [$0.candidate] } ?? []
    }

    /// A candidate with its effective pixel density.
    private struct Rated {
        var candidate: ImageCandidate
        var density: Double
    }

    /// The candidates a browser would choose among, with the `sizes` that governs them.
    private struct CandidateList {
        var candidates: [ImageCandidate]
        var sizes: String?
    }

    /// The pixel density of a candidate: its `x`, or its `w` over the source size, or 1.
    private static func density(of candidate: ImageCandidate, sourceSize: Double) -> Double {
        if let density = candidate.density { return density }
        if let width = candidate.width { return sourceSize > 0 ? Double(width) / sourceSize : .infinity }
        return 1
    }

    private static func chooseList(_ image: ImageSet, options: SelectionOptions, viewport: Viewport) -> CandidateList? {
        for source in image.sources where source.element == .source {
            let selectable = source.candidates.filter(\.isSelectable)
            guard !selectable.isEmpty else { continue }
            if let media = source.media, !MediaQueryList.matches(media, viewport: viewport) { continue }
            if let type = source.type, !isAccepted(type: type, accepted: options.acceptedTypes) { continue }
            return CandidateList(candidates: selectable, sizes: source.sizes)
        }
        let own = image.sources.filter { $0.element != .source }
        let srcsetPriority: [[SourceAttribute]] = [[.dataLazySrcset], [.dataSrcset], [.srcset, .imagesrcset, .text]]
        let srcset = srcsetPriority.lazy.compactMap { attributes in
            own.first { attributes.contains($0.attribute) && $0.candidates.contains(where: \.isSelectable) }
        }.first
        let src = [SourceAttribute.dataSrc, .src, .href].lazy.compactMap { attribute in
            own.first { $0.attribute == attribute }?.candidates.first(where: \.isSelectable)
        }.first
        guard let srcset else {
            return src.map { CandidateList(candidates: [$0], sizes: nil) }
        }
        var candidates = srcset.candidates.filter(\.isSelectable)
        if var src {
            let hasWidths = srcset.candidates.contains { $0.width != nil }
            let hasOneX = srcset.candidates.contains { ($0.density ?? ($0.width == nil ? 1 : nil)) == 1 }
            if !hasWidths, !hasOneX {
                src.width = nil
                src.height = nil
                src.density = nil
                candidates.append(src)
            }
        }
        return CandidateList(candidates: candidates, sizes: srcset.sizes)
    }

    /// Whether a `<source type>` names a type we may fetch: its MIME essence is in `accepted`, or is `image/*`
    /// when `accepted` is `nil`.
    package static func isAccepted(type: String, accepted: Set<String>?) -> Bool {
        let beforeParameters = type.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let essence = String(beforeParameters.filter { !$0.isWhitespace }).lowercased()
        guard let accepted else { return essence.hasPrefix("image/") && essence.count > "image/".count }
        return accepted.contains { $0.lowercased() == essence }
            || (accepted.contains("image/*") && essence.hasPrefix("image/"))
    }
}
