package import AssetParser
package import AssetStore
import Synchronization

/// The analyses of recently enqueued articles, so the same bytes submitted again with the same options are not
/// parsed, selected and rendered again (re-enqueueing a batch of articles whose images are all cached).
///
/// Parsing is a pure function of the bytes, the base URL, the format and the selection options, and the bytes are
/// named by their digest, so a hit is exactly what a fresh parse would give. Bounded: the least recently used
/// entries go once the rendered rows exceed `byteLimit`. Thread-safe.
package final class AnalysisCache: Sendable {
    /// What the analysis of an article depends on.
    package struct Key: Hashable, Sendable {
        /// Creates a key.
        package init(digest: ContentDigest, base: String?, format: ArticleFormat, selection: SelectionOptions) {
            self.digest = digest
            self.base = base
            self.format = format
            self.selection = selection
        }

        package var digest: ContentDigest
        package var base: String?
        package var format: ArticleFormat
        package var selection: SelectionOptions
    }

    private struct Entry {
        var analysis: ArticleAnalysis
        var byteCount: Int
        var lastUse: UInt64
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var byteCount = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    private let byteLimit: Int

    /// Creates an empty cache.
    /// - Parameter byteLimit: The most bytes of rendered image rows kept.
    package init(byteLimit: Int = 8 << 20) {
        self.byteLimit = byteLimit
    }

    /// The analysis stored under `key`, if any (marking it used).
    package func analysis(for key: Key) -> ArticleAnalysis? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.analysis
        }
    }

    /// Stores an analysis, evicting the least recently used ones beyond the limit; one larger than the whole limit
    /// is not kept.
    package func store(_ analysis: ArticleAnalysis, for key: Key) {
        let size = Self.size(of: analysis)
        guard size <= byteLimit else { return }
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue(
                Entry(analysis: analysis, byteCount: size, lastUse: state.clock),
                forKey: key
            ) {
                state.byteCount -= old.byteCount
            }
            state.byteCount += size
            while state.byteCount > byteLimit,
                let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })
            {
                state.byteCount -= oldest.value.byteCount
                state.entries[oldest.key] = nil
            }
        }
    }

    /// The number of analyses kept.
    package var count: Int {
        state.withLock { $0.entries.count }
    }

    private static func size(of analysis: ArticleAnalysis) -> Int {
        let rows = analysis.images.reduce(0) { total, image in
            total + image.sourcesJSON.utf8.count + image.selectedJSON.utf8.count
                + image.selectedURLs.reduce(0) { $0 + $1.utf8.count } + 64
        }
        return rows + analysis.diagnostics.reduce(0) { $0 + $1.utf8.count } + 256
    }
}
