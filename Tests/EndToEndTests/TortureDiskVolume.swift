import AssetTestSupport
import Crypto
import Foundation
import Testing

/// A small tmpfs mounted for one test (as the store's DiskFullTests do), detached when released; plus the checks a
/// cache directory on it must pass after a run.
final class TortureDiskVolume {
    let scratch: TemporaryDirectory
    let path: String
    let byteCount: Int

    /// Whether this process may mount a tmpfs (root, and the container allows it); tried once.
    static let isMountPermitted: Bool = {
        guard geteuid() == 0, let probe = try? TortureDiskVolume(byteCount: 65_536) else {
            return false
        }
        _ = probe
        return true
    }()

    init(byteCount: Int) throws {
        scratch = try TemporaryDirectory(prefix: "assetd-disk-")
        path = scratch.appending("fs")
        self.byteCount = byteCount
        mkdir(path, 0o755)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(byteCount),nr_inodes=10000,mode=0755") == 0 else {
            let code = errno
            scratch.remove()
            throw CocoaError(.fileWriteNoPermission, userInfo: ["errno": code])
        }
    }

    deinit {
        _ = umount2(path, Int32(MNT_DETACH))
        scratch.remove()
    }

    /// Bytes in use on the volume.
    var usedBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return -1 }
        return Int(info.f_blocks - info.f_bfree) * Int(info.f_frsize)
    }

    /// Writes `byteCount` bytes of ballast at `name` on the volume (to leave the cache less room).
    func writeBallast(_ name: String, byteCount: Int) throws {
        try Data(count: byteCount).write(to: URL(fileURLWithPath: "\(path)/\(name)"))
    }

    static func sha256(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return TestContent.hexString(SHA256.hash(data: data))
    }

    /// The files left in the cache's `ingest/` directory (there must be none once nothing is in flight).
    static func ingestLeftovers(cacheDirectory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory + "/ingest")) ?? []
    }

    /// Every object file under `objects/sha256/` whose bytes do not hash to its name; returns (objects, bad ones).
    static func damagedObjects(cacheDirectory: String) -> (count: Int, damaged: [String]) {
        let root = cacheDirectory + "/objects/sha256"
        var count = 0
        var damaged: [String] = []
        for prefix in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(prefix)")) ?? [] {
                count += 1
                if sha256(ofFile: "\(root)/\(prefix)/\(name)") != name || !name.hasPrefix(prefix) {
                    damaged.append("\(prefix)/\(name)")
                }
            }
        }
        return (count, damaged)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check` on an index, opened read-only with the sqlite3 shell while no
    /// daemon runs.
    static func checkIndex(stateDirectory: String) async throws {
        let index = stateDirectory + "/index.sqlite"
        let integrity = try await ProcessRunner.run("sqlite3", ["-readonly", index, "PRAGMA integrity_check;"])
        #expect(integrity.exitCode == 0, "\(integrity.standardError)")
        #expect(integrity.outputText == "ok\n", "integrity_check: \(integrity.outputText)")
        let keys = try await ProcessRunner.run("sqlite3", ["-readonly", index, "PRAGMA foreign_key_check;"])
        #expect(keys.exitCode == 0 && keys.outputText.isEmpty, "foreign_key_check: \(keys.outputText)")
    }
}
