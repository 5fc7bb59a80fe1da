import Foundation

/// A fresh directory under `/tmp` with a short name (`/tmp/assetd-XXXXXX`), short enough for Unix socket paths.
package struct TemporaryDirectory: Sendable {
    /// The absolute path, without a trailing slash.
    package let path: String

    /// Creates the directory (mode 0700).
    ///
    /// - Parameter prefix: the start of the name under `/tmp`.
    /// - Throws: `TestSupportError` `.fileSystem` when `mkdtemp` fails.
    package init(prefix: String = "assetd-") throws {
        var template = Array("/tmp/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }
        }
        guard made != nil else {
            throw TestSupportError(.fileSystem, "mkdtemp failed for /tmp/\(prefix)XXXXXX: errno \(errno)")
        }
        path = template.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// `path` + `/` + `name`.
    ///
    /// - Parameter name: a relative path inside the directory.
    package func appending(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes `bytes` to `name` inside the directory, creating intermediate directories.
    ///
    /// - Parameters:
    ///   - name: a relative path inside the directory.
    ///   - bytes: the content.
    /// - Returns: the absolute path written.
    /// - Throws: `TestSupportError` `.fileSystem`.
    @discardableResult
    package func write(_ name: String, bytes: some Collection<UInt8>) throws -> String {
        let target = appending(name)
        let parent = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            try Foundation.Data(bytes).write(to: URL(fileURLWithPath: target))
        } catch {
            throw TestSupportError(.fileSystem, "cannot write \(target)", underlying: error)
        }
        return target
    }

    /// Deletes the directory and everything in it; errors are ignored.
    package func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
