/// What a URL reference found in an article resolves to, and whether assetd may fetch it.
public enum URLResolution: Sendable, Hashable {
    /// An absolute `http`/`https` URL, normalized as the WHATWG URL parser serializes it, or a `data:` URL as
    /// written (leading/trailing C0 controls and spaces trimmed, tabs and newlines removed).
    case fetchable(String)
    /// An absolute URL with a scheme assetd does not fetch (`file:`, `ftp:`, `gopher:`, `javascript:`, …),
    /// cleaned the same way; `reason` says why it is not fetched.
    case notFetchable(String, reason: String)
    /// A relative reference without a base URL, or a reference that is not a valid URL; `reason` says which.
    case unresolvable(reason: String)
}
