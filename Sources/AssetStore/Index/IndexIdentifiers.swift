/// The index's row id of an asset; stable for the life of the row.
package struct AssetID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The SQLite rowid of the `assets` row.
    package var rawValue: Int64

    /// Wraps a rowid.
    /// - Parameter rawValue: the `assets` rowid.
    package init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    package static func < (lhs: AssetID, rhs: AssetID) -> Bool { lhs.rawValue < rhs.rawValue }
    package var description: String { String(rawValue) }
}

/// The index's row id of an article; what `assetctl enqueue` prints and `assetctl show` accepts.
package struct ArticleID: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The SQLite rowid of the `articles` row.
    package var rawValue: Int64

    /// Wraps a rowid.
    /// - Parameter rawValue: the `articles` rowid.
    package init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    package static func < (lhs: ArticleID, rhs: ArticleID) -> Bool { lhs.rawValue < rhs.rawValue }
    package var description: String { String(rawValue) }
}
