import Crypto
import Foundation

/// A file whose content is a ``TestContent`` body, as written by ``GeneratedFiles``.
package struct GeneratedFile: Sendable, Equatable {
    /// The path below the root it was written under, e.g. `img/00042.jpg` (also its URL path on ``NginxServer``).
    package var relativePath: String
    /// The file length in bytes.
    package var byteCount: Int
    /// The ``TestContent`` seed of its bytes.
    package var seed: UInt64
    /// SHA-256 of the content, 64 lowercase hex digits.
    package var sha256Hex: String

    /// Makes a record.
    package init(relativePath: String, byteCount: Int, seed: UInt64, sha256Hex: String) {
        self.relativePath = relativePath
        self.byteCount = byteCount
        self.seed = seed
        self.sha256Hex = sha256Hex
    }
}

/// Writes ``TestContent`` bodies as files (for nginx to serve in tests and benchmarks), streaming in 1 MiB pieces
/// and hashing on the way, so a 1 GiB file costs 1 MiB of memory. Files are 0644 and directories 0755.
package enum GeneratedFiles {
    private static let pieceSize = 1 << 20

    /// Writes one file.
    ///
    /// - Parameters:
    ///   - relativePath: where below `root` (intermediate directories are created).
    ///   - byteCount: the length.
    ///   - seed: the ``TestContent`` seed.
    ///   - root: an existing directory.
    /// - Returns: the record with the file's digest.
    /// - Throws: `TestSupportError` `.fileSystem` when a directory or the file cannot be written.
    package static func write(
        _ relativePath: String,
        byteCount: Int,
        seed: UInt64,
        under root: String
    ) throws -> GeneratedFile {
        let path = root + "/" + relativePath
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: parent,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o755]
            )
        } catch {
            throw TestSupportError(.fileSystem, "cannot create \(parent)", underlying: error)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TestSupportError(.fileSystem, "cannot create \(path): errno \(errno)")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        try TestContent.forEachChunk(count: byteCount, seed: seed, chunkSize: pieceSize) { piece in
            hasher.update(bufferPointer: piece)
            var offset = 0
            while offset < piece.count {
                let written = Glibc.write(descriptor, piece.baseAddress?.advanced(by: offset), piece.count - offset)
                if written < 0 {
                    if errno == EINTR {
                        continue
                    }
                    throw TestSupportError(.fileSystem, "cannot write \(path): errno \(errno)")
                }
                offset += written
            }
        }
        return GeneratedFile(
            relativePath: relativePath,
            byteCount: byteCount,
            seed: seed,
            sha256Hex: TestContent.hexString(hasher.finalize())
        )
    }

    /// Writes `count` files named `directory/00000.jpg`, `directory/00001.jpg`, … below `root`.
    ///
    /// - Parameters:
    ///   - count: how many files.
    ///   - root: an existing directory.
    ///   - directory: the subdirectory of `root` to write into.
    ///   - seedBase: file `i` gets seed `seedBase + i`.
    ///   - byteCount: the length of file `i`.
    /// - Returns: the records, in index order.
    /// - Throws: `TestSupportError` `.fileSystem`.
    package static func writeMany(
        count: Int,
        under root: String,
        directory: String = "img",
        seedBase: UInt64 = 0,
        byteCount: (Int) -> Int
    ) throws -> [GeneratedFile] {
        try (0..<count).map { index in
            let name = String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
            return try write(
                "\(directory)/\(name).jpg",
                byteCount: byteCount(index),
                seed: seedBase &+ UInt64(index),
                under: root
            )
        }
    }
}
