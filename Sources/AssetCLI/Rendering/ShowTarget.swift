/// What `assetctl show` was asked about, told apart by its spelling (pure).
package enum ShowTarget: Sendable, Equatable {
    /// Digits only: an article id.
    case article(Int64)
    /// At least six hex digits (a full SHA-256 or the prefix `ls` prints): a digest, lower-cased.
    case digest(String)
    /// Anything else: an asset URL, matched exactly.
    case url(String)

    /// The shortest digest prefix accepted.
    package static let minimumDigestPrefix = 6

    package init(_ argument: String) {
        if !argument.isEmpty, argument.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let id = Int64(argument) {
            self = .article(id)
        } else if argument.utf8.count >= Self.minimumDigestPrefix, argument.utf8.count <= 64,
            argument.allSatisfy(\.isHexDigit)
        {
            self = .digest(argument.lowercased())
        } else {
            self = .url(argument)
        }
    }
}
