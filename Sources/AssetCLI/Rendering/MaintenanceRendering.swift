package import AssetAPI

/// One-paragraph answers of `retry`, `verify` and `gc` (pure).
package enum MaintenanceRendering {
    /// `queued 3 assets again`
    package static func retry(_ result: RetryResult) -> String {
        "queued \(result.requeued) asset\(result.requeued == 1 ? "" : "s") again\n"
    }

    /// `checked 170 objects (12.3 MiB): all intact`, or the corrupt and missing digests, one per line.
    package static func verify(_ result: VerifyResult) -> String {
        var text = "checked \(result.checked) object\(result.checked == 1 ? "" : "s")"
        text += " (\(ByteFormat.bytes(result.bytesChecked)))"
        if result.isClean {
            return text + ": all intact\n"
        }
        text += ": \(result.corrupt.count) corrupt, \(result.missing.count) missing"
        text += ", \(result.requeued) asset\(result.requeued == 1 ? "" : "s") queued again\n"
        for digest in result.corrupt { text += "corrupt  \(digest)\n" }
        for digest in result.missing { text += "missing  \(digest)\n" }
        return text
    }

    /// `removed 2 unreferenced objects, evicted 0, removed 1 ingest file; freed 1.2 MiB`
    package static func garbageCollection(_ result: GarbageCollectionResult) -> String {
        var text = "removed \(result.removedObjects) unreferenced object\(result.removedObjects == 1 ? "" : "s")"
        text += ", evicted \(result.evictedObjects)"
        text += ", removed \(result.removedIngestFiles) ingest file\(result.removedIngestFiles == 1 ? "" : "s")"
        return text + "; freed \(ByteFormat.bytes(result.freedBytes))\n"
    }
}
