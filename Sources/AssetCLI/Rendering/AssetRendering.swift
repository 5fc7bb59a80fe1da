package import AssetAPI
package import FoundationEssentials

/// Assets and articles for people: the `ls` table and the `show` details.
package enum AssetRendering {
    /// The digest prefix length shown in tables (`show` accepts such a prefix).
    package static let digestPrefixLength = 12

    /// The `ls` table: state, size, digest prefix, URL, error; "no assets" when the list is empty.
    package static func table(_ assets: [AssetRecord]) -> String {
        guard !assets.isEmpty else {
            return "no assets\n"
        }
        var rows: [[String]] = [["STATE", "SIZE", "DIGEST", "URL", "ERROR"]]
        for asset in assets {
            rows.append([
                asset.state.rawValue,
                asset.byteCount.map(ByteFormat.bytes) ?? "-",
                asset.sha256.map { String($0.prefix(digestPrefixLength)) } ?? "-",
                asset.url,
                asset.error.map(describe) ?? "",
            ])
        }
        // The error column is last and may be empty everywhere: drop trailing spaces of empty cells.
        return TextTable.render(rows, rightAligned: [1]).split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }

    /// One asset in full, one labelled line per fact (absent facts are left out).
    package static func detail(_ asset: AssetRecord) -> String {
        var rows: [[String]] = [
            ["url", asset.url],
            ["state", asset.state.rawValue],
            ["id", String(asset.id)],
            ["articles", asset.articleIDs.isEmpty ? "-" : asset.articleIDs.map(String.init).joined(separator: ", ")],
        ]
        if let width = asset.width { rows.append(["width", "\(width)w"]) }
        if let count = asset.byteCount { rows.append(["size", "\(ByteFormat.bytes(count)) (\(count) bytes)"]) }
        if let digest = asset.sha256 { rows.append(["sha256", digest]) }
        if let type = asset.contentType { rows.append(["content type", type]) }
        if let status = asset.httpStatus { rows.append(["http status", String(status)]) }
        rows.append(["attempts", String(asset.attempts)])
        if let next = asset.nextAttemptAt { rows.append(["next attempt", timestamp(next)]) }
        if let error = asset.error { rows.append(["error", "\(error.code): \(error.message)"]) }
        if let path = asset.path { rows.append(["path", path]) }
        rows.append(["created", timestamp(asset.createdAt)])
        rows.append(["updated", timestamp(asset.updatedAt)])
        if let fetched = asset.fetchedAt { rows.append(["fetched", timestamp(fetched)]) }
        return labelled(rows)
    }

    /// One article in full: its facts, diagnostics, then the table of its assets.
    package static func detail(_ article: ArticleDocument) -> String {
        var rows: [[String]] = [["article", String(article.id)]]
        if let name = article.name { rows.append(["name", name]) }
        if let url = article.url { rows.append(["url", url]) }
        if let base = article.baseURL { rows.append(["base url", base]) }
        rows.append(["sha256", article.sha256])
        rows.append(["size", "\(ByteFormat.bytes(article.byteCount)) (\(article.byteCount) bytes)"])
        if let type = article.contentType { rows.append(["content type", type]) }
        rows.append(["images", String(article.imageCount)])
        rows.append(["assets", stateSummary(article.assets)])
        rows.append(["submitted", timestamp(article.submittedAt)])
        rows += article.diagnostics.map { ["diagnostic", $0] }
        var text = labelled(rows)
        if !article.assets.isEmpty {
            text += "\n" + table(article.assets)
        }
        return text
    }

    /// The width of the label column of `show`, so that every record lines up the same way.
    private static let labelWidth = 14

    /// `label` padded to the label column, then the value; one line per row.
    private static func labelled(_ rows: [[String]]) -> String {
        rows.map { row in
            let label = row.first ?? ""
            let padding = String(repeating: " ", count: max(2, labelWidth - label.count))
            return label + padding + row.dropFirst().joined(separator: " ") + "\n"
        }.joined()
    }

    /// `3: 2 cached, 1 failed` (only the states present, in lifecycle order).
    package static func stateSummary(_ assets: [AssetRecord]) -> String {
        var counts = AssetStateCounts()
        for asset in assets { counts[asset.state] += 1 }
        let present = AssetState.allCases.filter { counts[$0] > 0 }.map { "\(counts[$0]) \($0.rawValue)" }
        return present.isEmpty ? "0" : "\(assets.count): " + present.joined(separator: ", ")
    }

    /// An error as one short phrase: its message, or its code when the message is empty.
    package static func describe(_ error: AssetFailure) -> String {
        error.message.isEmpty ? error.code : error.message
    }

    /// A time as ISO 8601 in UTC with whole seconds, as on the wire.
    package static func timestamp(_ date: Date) -> String {
        Date.ISO8601FormatStyle().format(date)
    }
}
