import AssetTestSupport
import Foundation
import Testing

/// A candidate planted in a hostile article, and what the daemon must make of it.
///
/// `marker` is a token of the form `q<article>z<n>q` written into the candidate's URL; it occurs nowhere else, so the
/// asset or diagnostic that came from the candidate is found by searching for it.
struct HostileExpectation: Sendable, Equatable {
    enum Outcome: String, Sendable, CaseIterable {
        /// An http(s) URL at a loopback address: a failed asset, code `refusedAddress`, its message naming the address.
        case refused
        /// A scheme other than http(s), or a reference that cannot be resolved: a diagnostic names it, no asset.
        case notFetched
        /// A `data:` URL: an asset that is never cached and never leaves the daemon.
        case dataURL
        /// An image on the allowed origin (network namespace only): cached.
        case cached
        /// An allowed URL that redirects to a loopback address: failed with `refusedAddress`.
        case refusedAfterRedirect
        /// An allowed URL that redirects to a scheme other than http(s): failed with `badScheme`.
        case badSchemeAfterRedirect
    }

    var marker: String
    var outcome: Outcome
}

/// One generated article on disk.
struct HostileArticle: Sendable {
    var path: String
    var kind: String
    var byteCount: Int
    var expectations: [HostileExpectation]
}

/// Where the URLs of hostile articles point. Only loopback listeners, and the namespace's own address.
struct HostileTargets: Sendable {
    /// The port of a loopback listener on 127.0.0.1 that must never be contacted.
    var loopbackPort: Int
    /// The port of a listener on `[::1]` that must never be contacted, when IPv6 loopback is available.
    var loopbackV6Port: Int?
    /// `http://ADDRESS:PORT` of an allowed origin with `/img/`, `/r/` (→ 127.0.0.1), `/r6/` (→ [::1]),
    /// `/rl/` (→ localhost) and `/rf/` (→ `file:`) routes; only inside a network namespace.
    var allowedOrigin: String?
}

/// Generates hostile articles deterministically from a seed and streams them to files: huge attributes, a million
/// commas, deep nesting, invalid UTF-8, character references out of range, every non-http scheme, loopback addresses
/// in all their spellings, redirects to them, chaotic markup.
///
/// The first four articles are the big ones (a multi-MB attribute, ~1M commas, 100k levels of nesting, many images and
/// a large `data:` URL); the rest mix blocks at random (see ``TortureHostileBlocks``).
enum HostileArticles {
    /// Writes `count` articles into `directory` (`NNNN-kind.html` or `.txt`).
    static func write(
        count: Int,
        seed: UInt64,
        targets: HostileTargets,
        manyImages: Int,
        into directory: String
    ) throws -> [HostileArticle] {
        var random = SplitMix64(seed: seed)
        var articles: [HostileArticle] = []
        for index in 0..<count {
            var blocks = TortureHostileBlocks(
                article: index,
                targets: targets,
                random: SplitMix64(seed: random.next())
            )
            let kind: String
            let isText: Bool
            switch index {
            case 0: (kind, isText) = ("huge-attribute", false)
            case 1: (kind, isText) = ("million-commas", false)
            case 2: (kind, isText) = ("deep-nesting", false)
            case 3: (kind, isText) = ("many-images", false)
            default:
                isText = random.next() % 7 == 0
                kind = isText ? "text" : "mixed"
            }
            let path = "\(directory)/\(String(format: "%04d", index))-\(kind).\(isText ? "txt" : "html")"
            let file = try HostileArticleFile(path: path)
            switch index {
            case 0: blocks.hugeAttribute(file)
            case 1: blocks.millionCommas(file)
            case 2: blocks.deepNesting(file, levels: 100_000)
            case 3: blocks.manyImages(file, count: manyImages)
            default:
                if isText {
                    blocks.textArticle(file)
                } else {
                    blocks.mixedArticle(file)
                }
            }
            try file.close()
            articles.append(
                HostileArticle(path: path, kind: kind, byteCount: file.byteCount, expectations: blocks.expectations)
            )
        }
        return articles
    }
}

/// A buffered, append-only file for one article.
final class HostileArticleFile {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var byteCount = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ text: String) {
        append(bytes: Array(text.utf8))
    }

    func append(bytes: [UInt8]) {
        buffer += bytes
        byteCount += bytes.count
        if buffer.count >= 1 << 20 {
            handle.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Appends `text` `count` times.
    func append(_ text: String, times count: Int) {
        let bytes = Array(text.utf8)
        for _ in 0..<count {
            append(bytes: bytes)
        }
    }

    func close() throws {
        handle.write(Data(buffer))
        buffer = []
        try handle.close()
    }
}
