import AssetStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp for one test, removed with everything in it when the fixture goes away.
final class ScratchDirectory: Sendable {
    let path: String

    init() throws {
        var template = Array("/tmp/assetd-store-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else {
            throw StoreError(.fileSystem, "mkdtemp failed: errno \(errno)")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        removeTree(path)
    }
}

/// Removes a directory tree (files may be read-only: unlink does not care about the file's mode).
func removeTree(_ path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    if (info.st_mode & S_IFMT) == S_IFDIR {
        if let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { removeTree("\(path)/\(name)") }
        }
        rmdir(path)
    } else {
        unlink(path)
    }
}

/// The names in a directory (empty when it does not exist).
func directoryNames(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// A file's permission bits, or nil when it does not exist.
func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// Whether a path exists.
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

/// A file's bytes (empty when it cannot be read).
func readFile(_ path: String) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return [] }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count <= 0 { return bytes }
        bytes += buffer[0..<count]
    }
}

/// Replaces a file's bytes even when it is read-only (root or not: the mode is restored to 0444 after).
func overwriteFile(_ path: String, with bytes: [UInt8]) {
    chmod(path, 0o644)
    let descriptor = open(path, O_WRONLY | O_TRUNC)
    if descriptor >= 0 {
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
    chmod(path, 0o444)
}

/// Writes a file with the given bytes.
func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
    if descriptor >= 0 {
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
}

/// Deterministic pseudo-random bytes (SplitMix64), so tests need no fixtures.
func sampleBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
    return bytes
}

/// A logger that drops everything (tests never bootstrap logging).
let quietLogger = Logger(label: "assetd.test.store", factory: { _ in SwiftLogNoOpLogHandler() })

/// Opens an object store on a scratch directory.
func makeObjectStore(in scratch: ScratchDirectory, durability: Durability = .full) throws -> ObjectStore {
    try ObjectStore(cacheDirectory: "\(scratch.path)/cache", durability: durability, logger: quietLogger)
}

/// Commits bytes through a fresh writer.
func commitBytes(_ bytes: [UInt8], to store: ObjectStore) throws -> CommittedObject {
    let writer = try store.makeWriter()
    try writer.write(contentsOf: bytes)
    return try writer.commit(expectedLength: Int64(bytes.count))
}
