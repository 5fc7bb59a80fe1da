import Foundation

/// A fresh directory under /tmp with a short name (Unix socket paths must stay under 108 bytes), removed by
/// ``remove()``.
struct TestDirectory {
    let path: String

    init() throws {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        path = "/tmp/assetd-" + suffix
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        return target
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The package root, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
