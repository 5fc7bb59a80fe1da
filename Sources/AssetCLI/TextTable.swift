/// Aligned plain-text tables: columns padded to their widest cell, the last column never padded.
///
/// A cell wider than `maximumPaddedWidth` (a hostile 100 KB URL) does not widen its column: it overflows its own
/// row only, so one long value cannot pad every other row with kilobytes of spaces.
package enum TextTable {
    /// Cells up to this many characters set their column's width.
    package static let maximumPaddedWidth = 120

    /// Renders `rows` (the first is the header) with two spaces between columns.
    /// - Parameter rightAligned: indexes of numeric columns aligned to the right.
    package static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let columnCount = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columnCount)
        for row in rows {
            for (index, cell) in row.enumerated() {
                let width = cell.count
                if width <= maximumPaddedWidth {
                    widths[index] = max(widths[index], width)
                }
            }
        }
        var text = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                let isLast = index == row.count - 1
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
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
