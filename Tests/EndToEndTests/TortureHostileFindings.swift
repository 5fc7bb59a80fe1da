import AssetAPI
import Foundation

/// Checks what the daemon made of hostile articles against what was planted in them, and counts the findings.
///
/// Problems are collected as text (at most a few hundred), so a broken run reports a readable list instead of
/// thousands of separate issues.
struct TortureHostileFindings {
    /// The digest of the body the allowed origin serves for every `/img/` URL (namespace runs only).
    var cachedDigest: String?
    private(set) var problems: [String] = []
    private(set) var plantedByOutcome: [HostileExpectation.Outcome: Int] = [:]
    private(set) var assetsByCode: [String: Int] = [:]
    private(set) var assetsByState: [String: Int] = [:]
    /// The first failure message seen for each code, to show what a user reads.
    private(set) var exampleByCode: [String: String] = [:]
    /// `data:` URLs held as assets (there must be none: an inline image's bytes are in the article).
    private(set) var dataURLAssets: [String] = []
    private(set) var diagnosticCount = 0
    private(set) var articleAssetCount = 0

    init(cachedDigest: String? = nil) {
        self.cachedDigest = cachedDigest
    }

    private mutating func problem(_ text: String) {
        if problems.count < 300 {
            problems.append(text.count > 400 ? String(text.prefix(400)) + "…" : text)
        }
    }

    /// Whether a URL's scheme is one the daemon may hold an asset for.
    static func hasAllowedScheme(_ url: String) -> Bool {
        let lower = url.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    static func isDataURL(_ url: String) -> Bool {
        url.prefix(5).lowercased() == "data:"
    }

    /// Checks every asset the daemon holds (the whole `ls`): no other scheme, nothing left in flight, nothing cached
    /// but the allowed origin's images, failures only with codes that mean nothing was contacted.
    mutating func checkAll(_ assets: [AssetRecord], allowedOrigin: String?) {
        let quietCodes: Set<String> = ["refusedAddress", "badScheme", "invalidURL"]
        for asset in assets {
            assetsByState[asset.state.rawValue, default: 0] += 1
            if let code = asset.error?.code {
                assetsByCode[code, default: 0] += 1
                if exampleByCode[code] == nil, let message = asset.error?.message, message.count < 300 {
                    exampleByCode[code] = message
                }
            }
            let shortURL = String(asset.url.prefix(160))
            if Self.isDataURL(asset.url) {
                dataURLAssets.append(String(asset.url.prefix(100)))
            } else if !Self.hasAllowedScheme(asset.url) {
                problem("asset with a scheme other than http(s): \(shortURL)")
            }
            switch asset.state {
            case .cached:
                if allowedOrigin.map({ asset.url.hasPrefix($0 + "/img/") }) != true {
                    problem("cached although nothing but the allowed origin's images may be: \(shortURL)")
                } else if asset.sha256 != cachedDigest {
                    problem(
                        "cached with digest \(asset.sha256 ?? "nil"), expected \(cachedDigest ?? "nil"): \(shortURL)"
                    )
                }
            case .failed:
                let code = asset.error?.code ?? "(none)"
                if !quietCodes.contains(code) {
                    problem("failed with \(code) (a code that means something was contacted): \(shortURL)")
                }
                if code == "refusedAddress", asset.error?.message.contains("refused to connect to") != true {
                    problem("refusedAddress without the refused address in its message: \(shortURL)")
                }
            case .queued, .fetching, .evicted:
                problem("asset left \(asset.state.rawValue): \(shortURL)")
            }
        }
    }

    /// Checks one article's document against what was planted in it.
    mutating func check(_ document: ArticleDocument, against article: HostileArticle) {
        diagnosticCount += document.diagnostics.count
        articleAssetCount += document.assets.count
        let name = (article.path as NSString).lastPathComponent
        for asset in document.assets where !Self.hasAllowedScheme(asset.url) {
            problem("\(name): asset with another scheme: \(asset.url.prefix(160))")
        }
        for expectation in article.expectations {
            plantedByOutcome[expectation.outcome, default: 0] += 1
            let marker = expectation.marker
            let matching = document.assets.filter { $0.url.contains(marker) }
            switch expectation.outcome {
            case .notFetched:
                if !document.diagnostics.contains(where: { $0.contains(marker) }) {
                    problem("\(name): no diagnostic names \(marker)")
                }
                if !matching.isEmpty {
                    problem("\(name): \(marker) became an asset: \(matching[0].url.prefix(160))")
                }
                continue
            case .dataURL:
                // The bytes of an inline image are in the article: noted, never an asset.
                if !document.diagnostics.contains(where: { $0.contains("inline data: image") }) {
                    problem("\(name): no diagnostic notes the inline data: image \(marker)")
                }
                if !matching.isEmpty {
                    problem("\(name): data URL \(marker) became an asset (\(matching[0].state))")
                }
                continue
            default:
                break
            }
            guard let asset = matching.first else {
                problem("\(name): no asset for \(marker) (\(expectation.outcome.rawValue))")
                continue
            }
            let code = asset.error?.code
            let message = asset.error?.message ?? ""
            switch expectation.outcome {
            case .refused, .refusedAfterRedirect:
                if asset.state != .failed || code != "refusedAddress" || !message.contains("(loopback)") {
                    problem(
                        "\(name): \(marker) should be refused as loopback; \(asset.state) \(code ?? "-") \(message)"
                    )
                }
            case .cached:
                if asset.state != .cached || asset.sha256 != cachedDigest {
                    problem("\(name): \(marker) is \(asset.state) \(code ?? "-") \(message)")
                }
            case .badSchemeAfterRedirect:
                if asset.state != .failed || code != "badScheme" {
                    problem("\(name): \(marker) should fail with badScheme; \(asset.state) \(code ?? "-") \(message)")
                }
            case .notFetched, .dataURL:
                break  // handled above
            }
        }
    }

    /// The findings as print lines.
    func report(prefix: String) -> String {
        let planted = HostileExpectation.Outcome.allCases.map { "\($0.rawValue) \(plantedByOutcome[$0, default: 0])" }
        let codes = assetsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let states = assetsByState.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return """
            \(prefix) planted candidates: \(planted.joined(separator: ", "))
            \(prefix) assets by state: \(states.joined(separator: ", "))
            \(prefix) refusals/failures by code: \(codes.joined(separator: ", "))
            \(exampleByCode.sorted { $0.key < $1.key }.map { "\(prefix) e.g. \($0.key): \($0.value)" }.joined(separator: "\n"))
            \(prefix) article diagnostics: \(diagnosticCount); asset links: \(articleAssetCount); \
            data: URLs held as assets: \(dataURLAssets.count)
            """
    }
}
