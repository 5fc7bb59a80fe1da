/// Aligned plain-text tables: columns padded to their widest cell, the last column never padded.
enum TextTable {
    /// Renders `rows` (the first is the header) with two spaces between columns.
    /// - Parameter rightAligned: indexes of numeric columns aligned to the right.
    static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() {
                widths[index] = max(widths[index], cell.count)
            }
        }
        var text = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if rightAligned.contains(index) {
                    line += padding + cell
                } else {
                    line += isLast ? cell : cell + padding
                }
                if !isLast {
                    line += "  "
                }
            }
            text += line + "\n"
        }
        return text
    }
}
