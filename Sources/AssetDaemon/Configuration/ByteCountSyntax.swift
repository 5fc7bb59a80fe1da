/// The byte-size syntax of the configuration: a plain integer of bytes (`1048576`), or a number with a unit,
/// decimal (`kB`/`KB`, `MB`, `GB`, `TB`: powers of 1000) or binary (`KiB`, `MiB`, `GiB`, `TiB`: powers of 1024),
/// units case-insensitive, optional space (`512MiB`, `2 GB`, `1.5GiB`, `100B`). Negative values are refused.
package enum ByteCountSyntax {
    private static let units: [String: Double] = [
        "b": 1,
        "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]

    /// Parses a byte size.
    /// - Parameter text: the text, surrounding spaces allowed.
    /// - Returns: the number of bytes (rounded to the nearest byte), or `nil` when the text is not in the syntax, is
    ///   negative, or exceeds `Int64`.
    package static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        if let plain = Int64(trimmed) { return plain >= 0 ? plain : nil }
        let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, let value = Double(number) else { return nil }
        let unit = String(trimmed.dropFirst(number.count)).trimmingSpaces.lowercased()
        guard let scale = units[unit] else { return nil }
        let bytes = (value * scale).rounded()
        guard bytes.isFinite, bytes >= 0, bytes < 9.2e18 else { return nil }
        return Int64(bytes)
    }

    /// Writes a byte count in the shortest exact binary form (`10GiB`, `512MiB`, `1000`).
    /// - Parameter bytes: a non-negative byte count.
    /// - Returns: the text.
    package static func format(_ bytes: Int64) -> String {
        for (unit, factor) in [("TiB", Int64(1) << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes != 0 && bytes % factor == 0 {
            return "\(bytes / factor)\(unit)"
        }
        return String(bytes)
    }
}
