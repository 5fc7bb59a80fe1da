package import AssetAPI
import AssetParser
import FoundationEssentials

extension ParseReport {
    /// The report for a parsed article, with each image's selection under `options`.
    init(_ result: ArticleParseResult, options: SelectionOptions) {
        self.init(
            base: result.base,
            images: result.images.map { image in
                Image(
                    line: image.line,
                    sources: image.sources.map(Source.init),
                    selected: VariantSelector.select(image, options: options).map(Candidate.init)
                )
            },
            diagnostics: result.diagnostics.map { Diagnostic(line: $0.line, message: $0.message) }
        )
    }
}

extension ParseReport.Source {
    init(_ source: ImageSource) {
        self.init(
            element: source.element.rawValue,
            attribute: source.attribute.rawValue,
            media: source.media,
            type: source.type,
            sizes: source.sizes,
            candidates: source.candidates.map(ParseReport.Candidate.init)
        )
    }
}

extension ParseReport.Candidate {
    init(_ candidate: ImageCandidate) {
        self.init(url: candidate.url, w: candidate.width, x: candidate.density, h: candidate.height)
    }
}

/// The two ways `assetctl parse` prints a report: an aligned table for people, JSON for programs.
package enum ParseRendering {
    /// The report as one JSON document (keys sorted so the output is stable, slashes not escaped).
    package static func json(_ report: ParseReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// One row per selected variant (the image's line and candidate count on its first row), then a summary line.
    package static func table(_ report: ParseReport, encoding: String) -> String {
        var rows: [[String]] = [["LINE", "CANDIDATES", "SELECTED", "URL"]]
        for image in report.images {
            let count = image.sources.reduce(0) { $0 + $1.candidates.count }
            if image.selected.isEmpty {
                rows.append([String(image.line), String(count), "-", "(nothing selectable)"])
            }
            for (index, candidate) in image.selected.enumerated() {
                let lead = index == 0 ? [String(image.line), String(count)] : ["", ""]
                rows.append(lead + [describe(candidate), candidate.url])
            }
        }
        var text = ""
        if !report.images.isEmpty {
            text = TextTable.render(rows, rightAligned: [0, 1])
        }
        let candidates = report.images.reduce(0) { total, image in
            total + image.sources.reduce(0) { $0 + $1.candidates.count }
        }
        let selected = report.images.reduce(0) { $0 + $1.selected.count }
        var summary = "\(plural(report.images.count, "image")), \(plural(candidates, "candidate")), "
        summary += "\(selected) selected, \(plural(report.diagnostics.count, "diagnostic")); encoding \(encoding)"
        if let base = report.base {
            summary += "; base \(base)"
        }
        return text + summary + "\n"
    }

    /// The descriptor of a chosen candidate as written: `768w`, `2x`, or `1x` when it had none.
    package static func describe(_ candidate: ParseReport.Candidate) -> String {
        if let w = candidate.w {
            return "\(w)w"
        }
        if let x = candidate.x {
            return x == x.rounded() ? "\(Int(x))x" : "\(x)x"
        }
        return "1x"
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
