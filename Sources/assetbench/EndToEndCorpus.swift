import AssetTestSupport
import Foundation

/// The material of `assetbench e2e`: image files for nginx to serve and HTML articles whose `srcset` lists point at
/// them, built so that the variant the daemon's default `fit` policy picks is always a generated file and the other
/// variants are not.
///
/// Each image appears in exactly one article, with 3 or 4 width variants (alternately); at the default 1280 px
/// viewport and `sizes="100vw"` the `1920w` candidate is the smallest one covering the slot, so it is the one `fit`
/// selects, and only that URL is served. The selected URL list therefore has one entry per generated image.
struct EndToEndCorpus {
    /// The generated images, in index order.
    let images: [GeneratedFile]
    /// Absolute paths of the article files.
    let articlePaths: [String]
    /// The URL of every image as the daemon should select it, in index order.
    let selectedURLs: [String]

    /// The width descriptor of the variant `fit` picks, the only one served.
    static let selectedWidth = 1920
    /// Widths of the variants that are listed but not served.
    static let decoyWidths = [480, 960, 2880]

    /// Writes `imageCount` images under `root` (as `img/NNNNN.jpg`) and `articleCount` articles into `articles`.
    ///
    /// - Parameters:
    ///   - imageCount: how many images (≥ 1).
    ///   - articleCount: how many articles (≥ 1); images are shared out in contiguous runs.
    ///   - root: the nginx document root (created when missing).
    ///   - articles: the directory for the HTML files (created when missing).
    ///   - baseURL: the nginx base URL, e.g. `http://127.0.0.1:8931`.
    /// - Throws: file-system errors.
    static func write(
        imageCount: Int,
        articleCount: Int,
        root: String,
        articles: String,
        baseURL: String
    ) throws -> EndToEndCorpus {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let images = try GeneratedFiles.writeMany(count: imageCount, under: root, seedBase: 0xE2E0_0000) { index in
            imageSize(index: index)
        }
        let urls = images.map { baseURL + "/" + $0.relativePath }
        let paths = try writeArticles(selectedURLs: urls, articleCount: articleCount, into: articles)
        return EndToEndCorpus(images: images, articlePaths: paths, selectedURLs: urls)
    }

    /// Writes `articleCount` articles into `directory` that reference `selectedURLs`, shared out in contiguous
    /// runs, each URL as the variant `fit` selects (every URL must end in `.jpg`).
    ///
    /// - Returns: the absolute paths of the articles, in order.
    /// - Throws: file-system errors.
    static func writeArticles(selectedURLs urls: [String], articleCount: Int, into directory: String) throws
        -> [String]
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for article in 0..<articleCount {
            let first = article * urls.count / articleCount
            let last = (article + 1) * urls.count / articleCount
            let html = articleHTML(number: article, imageIndices: first..<last, urls: urls)
            let path = directory + "/article-\(article).html"
            try html.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    /// One line on the images: count, total, median and largest size, and where nginx serves them.
    func description(baseURL: String) -> String {
        let sizes = images.map(\.byteCount).sorted()
        let total = sizes.reduce(0, +)
        return "\(images.count) files, \(EndToEndTable.format(Double(total) / 1_048_576, digits: 1)) MiB, median "
            + "\(sizes[sizes.count / 2] / 1024) KiB, largest "
            + "\(EndToEndTable.format(Double(sizes.last ?? 0) / 1_048_576, digits: 1)) MiB; nginx on \(baseURL)"
    }

    /// The size of image `index`: from 2 KiB to 2 MiB with a 32 KiB median and a long upper tail.
    ///
    /// A point `u` in [0, 1) taken from a hash of the index is mapped to log₂(size): below the median
    /// 15 − 4·t² (down to 2¹¹), above it 15 + 6·t⁴ (up to 2²¹), with t the distance from the median scaled to
    /// [0, 1]. The mean is about 96 KiB, so 10,000 images weigh about 0.95 GiB.
    static func imageSize(index: Int) -> Int {
        var z = UInt64(truncatingIfNeeded: index) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let u = Double(z >> 11) / Double(UInt64(1) << 53)
        let exponent: Double
        if u < 0.5 {
            let t = (0.5 - u) / 0.5
            exponent = 15 - 4 * t * t
        } else {
            let t = (u - 0.5) / 0.5
            exponent = 15 + 6 * t * t * t * t
        }
        return min(2 << 20, max(2 << 10, Int(pow(2, exponent).rounded())))
    }

    /// One article: a heading, then per image a paragraph and an `<img>` with 3 or 4 width variants.
    private static func articleHTML(number: Int, imageIndices: Range<Int>, urls: [String]) -> String {
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Article \(number)</title></head>
            <body><article><h1>Article \(number)</h1>

            """
        for index in imageIndices {
            let selected = urls[index]
            let stem = String(selected.dropLast(".jpg".count))
            let decoys = index % 2 == 0 ? decoyWidths : Array(decoyWidths.prefix(2))
            var candidates = decoys.map { "\(stem)-\($0).jpg \($0)w" }
            candidates.insert("\(selected) \(selectedWidth)w", at: 2)
            html += "<p>Paragraph \(index) of article \(number), about the picture below.</p>\n"
            html += "<figure><img alt=\"picture \(index)\" sizes=\"100vw\" "
            html += "srcset=\"\(candidates.joined(separator: ", "))\"></figure>\n"
        }
        html += "</article></body></html>\n"
        return html
    }
}
