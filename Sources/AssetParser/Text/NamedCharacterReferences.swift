/// Lookup in the HTML5 named character reference table (generated into `namedCharacterReferenceData`).
enum NamedCharacterReferences {
    /// Every name (with its trailing `;` when it has one) mapped to its replacement text; built on first use.
    static let table: [String: String] = {
        var table: [String: String] = [:]
        table.reserveCapacity(2300)
        for line in namedCharacterReferenceData {
            for entry in line.split(separator: " ") {
                guard let colon = entry.firstIndex(of: ":") else { continue }
                let name = String(entry[..<colon])
                var replacement = String.UnicodeScalarView()
                for hex in entry[entry.index(after: colon)...].split(separator: "+") {
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                        replacement.append(scalar)
                    }
                }
                table[name] = String(replacement)
            }
        }
        return table
    }()

    /// The longest name in the table, `;` included.
    static let longestNameLength = 32

    /// The longest legacy name (one that may appear without `;`).
    static let longestLegacyNameLength = 6
}
