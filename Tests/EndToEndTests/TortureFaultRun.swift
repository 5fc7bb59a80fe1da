import AssetAPI
import AssetTestSupport
import Foundation

/// The images of one fault run, built from a seed, and the comparison of the daemon's final assets with them.
struct TortureFaultRun: Sendable {
    var images: [TortureFaultKind.Planned]

    var faultCount: Int { images.count { $0.kind != nil } }
    var kindsUsed: Int { Set(images.compactMap(\.kind)).count }

    /// The test origin for a fault run: requests recorded, two event-loop threads (timed faults keep their pace
    /// while other connections stream).
    static func startOrigin() async throws -> TestOrigin {
        try await TestOrigin.start(threads: 2)
    }

    /// Two thirds plain images, one third faults; every kind at least once (the first faults go through the kinds
    /// in order), then kinds drawn at random, at positions drawn at random.
    static func make(imageCount: Int, seed: UInt64, context: TortureFaultKind.Context) -> TortureFaultRun {
        var random = SplitMix64(seed: seed)
        let kinds = TortureFaultKind.allCases
        let faultCount = max(kinds.count, imageCount / 3)
        var isFault =
            Array(repeating: true, count: faultCount) + Array(repeating: false, count: imageCount - faultCount)
        isFault.shuffle(using: &random)
        var images: [TortureFaultKind.Planned] = []
        var faultsSoFar = 0
        for (index, fault) in isFault.enumerated() {
            let imageSeed = seed &+ UInt64(index)
            if fault {
                let kind =
                    faultsSoFar < kinds.count
                    ? kinds[faultsSoFar] : kinds.randomElement(using: &random) ?? .http404
                faultsSoFar += 1
                images.append(kind.plan(seed: imageSeed, in: context, random: &random))
            } else {
                images.append(TortureFaultKind.plain(seed: imageSeed, in: context, random: &random))
            }
        }
        return TortureFaultRun(images: images)
    }

    /// Articles of at most 500 images each (an article, too, must stay under `max-object-bytes`): one `<img>` per
    /// image, `&` written `&amp;`.
    var articles: [[UInt8]] {
        stride(from: 0, to: images.count, by: 500).map { start in
            let tags = images[start..<min(start + 500, images.count)].map {
                "<p><img src=\"\($0.url.replacingOccurrences(of: "&", with: "&amp;"))\" alt=\"\"></p>"
            }
            return Array(("<!doctype html><html><body>\n" + tags.joined(separator: "\n") + "\n</body></html>\n").utf8)
        }
    }

    /// What the comparison found.
    struct Report: Sendable {
        /// One line per asset that is not as documented.
        var problems: [String] = []
        /// Final states and failure codes: `cached`, `failed http404`, …
        var stateCounts: [String: Int] = [:]
        /// Per kind: how many, and the outcomes seen.
        var kindOutcomes: [String: [String: Int]] = [:]
        /// Plain images that needed more than one request (a transient failure of the machine, absorbed by retries).
        var retriedPlain = 0
        /// Requests for a cached image beyond the ones its faults and recorded failures explain.
        var duplicateFetches = 0
        /// Requests libcurl sent again by itself after an empty reply on a reused connection.
        var libcurlRepeats = 0

        var kindSummary: String {
            kindOutcomes.sorted { $0.key < $1.key }.map { kind, outcomes in
                "\(kind): " + outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "/")
            }
            .joined(separator: "; ")
        }
    }

    /// Compares each image's asset with its expectation: state, code, bytes, recorded attempts, and the origin's
    /// request count (a cached image is asked for once more than it failed, a failed one exactly as often).
    static func check(_ run: TortureFaultRun, assets: [AssetRecord], context: TortureFaultKind.Context) -> Report {
        var report = Report()
        let byURL = Dictionary(assets.map { ($0.url, $0) }, uniquingKeysWith: { first, _ in first })
        if assets.count != run.images.count {
            report.problems.append("\(assets.count) assets for \(run.images.count) images")
        }
        for image in run.images {
            let kind = image.kind?.rawValue ?? "plain"
            guard let asset = byURL[image.url] else {
                report.problems.append("\(kind): no asset for \(image.url)")
                continue
            }
            let seen = asset.state == .failed ? "failed \(asset.error?.code ?? "?")" : asset.state.rawValue
            report.stateCounts[seen, default: 0] += 1
            report.kindOutcomes[kind, default: [:]][seen, default: 0] += 1
            let requests =
                image.url.hasPrefix(context.raw.baseURL)
                ? context.raw.attempts(for: image.url) : context.origin.attempts(for: image.url)
            if image.isRepeatedByLibcurl {
                report.libcurlRepeats += max(0, requests - asset.attempts - (asset.state == .cached ? 1 : 0))
            }
            switch image.outcome {
            case .cached(let byteCount, let seed):
                let digest = TestContent.sha256Hex(count: byteCount, seed: seed)
                if asset.state != .cached || asset.sha256 != digest || asset.byteCount != Int64(byteCount) {
                    report.problems.append(
                        "\(kind): expected cached \(byteCount) bytes, got \(seen) \(asset.byteCount ?? -1) bytes"
                            + " \(asset.error?.message ?? "") for \(image.url)"
                    )
                }
                // The origin must be asked failFirst + 1 times; each failure the daemon recorded beyond those faults
                // (a transient failure of a loaded machine) costs one more request. Anything beyond is a fetch of
                // an object already cached.
                let needed = max(asset.attempts, image.failFirst) + 1
                if requests > needed {
                    report.duplicateFetches += requests - needed
                }
                if image.kind == nil, requests > 1 {
                    report.retriedPlain += 1
                }
            case .failed(let code):
                if asset.state != .failed || asset.error?.code != code {
                    report.problems.append(
                        "\(kind): expected failed \(code), got \(seen) (\(asset.error?.message ?? "")) for \(image.url)"
                    )
                }
                if image.isRepeatedByLibcurl ? requests < asset.attempts : requests != asset.attempts {
                    report.problems.append(
                        "\(kind): origin saw \(requests) requests for \(asset.attempts) failed attempts: \(image.url)"
                    )
                }
            }
            if !image.failedAttempts.contains(asset.attempts) {
                report.problems.append(
                    "\(kind): \(asset.attempts) failed attempts, expected \(image.failedAttempts): \(image.url)"
                )
            }
        }
        return report
    }
}
