/// The answer to `POST /v1/verify`: every object re-hashed and compared with its name.
package struct VerifyResult: Sendable, Hashable, Codable {
    /// Objects re-hashed.
    package var checked: Int
    /// Bytes read while re-hashing.
    package var bytesChecked: Int64
    /// Digests whose bytes did not match; the files were quarantined.
    package var corrupt: [String]
    /// Digests the index names but whose files are gone.
    package var missing: [String]
    /// Assets queued again because their object was corrupt or missing.
    package var requeued: Int

    enum CodingKeys: String, CodingKey {
        case checked, corrupt, missing, requeued
        case bytesChecked = "bytes_checked"
    }

    /// Creates a verification result.
    /// - Parameters:
    ///   - checked: objects re-hashed.
    ///   - bytesChecked: bytes read.
    ///   - corrupt: mismatching digests.
    ///   - missing: digests without a file.
    ///   - requeued: assets queued again.
    package init(checked: Int, bytesChecked: Int64, corrupt: [String] = [], missing: [String] = [], requeued: Int = 0) {
        self.checked = checked
        self.bytesChecked = bytesChecked
        self.corrupt = corrupt
        self.missing = missing
        self.requeued = requeued
    }

    /// Whether every object matched and none was missing.
    package var isClean: Bool { corrupt.isEmpty && missing.isEmpty }
}
