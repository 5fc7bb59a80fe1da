package import AssetAPI
package import AssetParser

/// The options an article is parsed and selected with: the request's, falling back to the configuration's. Pure.
package struct SubmissionOptions: Sendable, Equatable {
    /// The base URL for relative candidates given by the request (`base_url`), if any.
    package var baseURL: String?
    /// A display name given by the request (`name`), if any.
    package var name: String?
    /// The selection options after merging.
    package var selection: SelectionOptions

    /// Merges a request's options over the configuration's.
    /// - Parameters:
    ///   - request: The query options of `POST /v1/articles`.
    ///   - configuration: The daemon's configuration (width, dpr, viewport, policy, accepted types).
    /// - Returns: The options to use.
    /// - Throws: `APIErrorDocument` `invalidQuery` for an unknown policy or a base URL that is not absolute http(s).
    package static func resolve(
        _ request: ArticleSubmissionOptions,
        configuration: DaemonConfiguration
    ) throws(APIErrorDocument) -> SubmissionOptions {
        var selection = configuration.selectionOptions
        if let width = request.width { selection.width = width }
        if let policyText = request.policy {
            guard let policy = SelectionPolicy(rawValue: policyText.lowercased()) else {
                let known = SelectionPolicy.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIErrorDocument(
                    code: .invalidQuery,
                    message: "unknown policy '\(policyText)' (expected one of \(known))"
                )
            }
            selection.policy = policy
        }
        if let base = request.baseURL {
            let lower = base.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                throw APIErrorDocument(
                    code: .invalidQuery,
                    message: "base_url must be an absolute http or https URL, got '\(base)'"
                )
            }
        }
        return SubmissionOptions(
            baseURL: request.baseURL.flatMap { $0.isEmpty ? nil : $0 },
            name: request.name.flatMap { $0.isEmpty ? nil : $0 },
            selection: selection
        )
    }
}
