import AssetStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted on a scratch directory for one test, unmounted when released.
final class SmallFileSystem {
    let scratch: ScratchDirectory
    let path: String

    /// Whether this process may mount a tmpfs (root, and not forbidden by the container); tried once.
    static let isMountPermitted: Bool = {
        guard geteuid() == 0, let probe = try? SmallFileSystem(byteCount: 65_536, inodeCount: 16) else {
            return false
        }
        _ = probe
        return true
    }()

    init(byteCount: Int, inodeCount: Int) throws {
        scratch = try ScratchDirectory()
        path = "\(scratch.path)/fs"
        mkdir(path, 0o755)
        let options = "size=\(byteCount),nr_inodes=\(inodeCount),mode=0755"
        guard mount("tmpfs", path, "tmpfs", 0, options) == 0 else {
            throw StoreError.systemCall("mount", path: path, errno: errno)
        }
    }

    deinit {
        _ = umount2(path, Int32(MNT_DETACH))
    }
}

@Suite(
    .serialized,
    .enabled(
        if: SmallFileSystem.isMountPermitted,
        "needs root and permission to mount a tmpfs (mount -t tmpfs); not available here, so ENOSPC is not exercised"
    )
)
struct DiskFullTests {
    @Test
    func aFullDiskFailsTheWriteRemovesTheTemporaryFileAndLeavesTheStoreUsable() throws {
        let disk = try SmallFileSystem(byteCount: 256 * 1024, inodeCount: 1000)
        let store = try ObjectStore(cacheDirectory: "\(disk.path)/cache", durability: .full, logger: quietLogger)
        let writer = try store.makeWriter()
        let chunk = sampleBytes(count: 64 * 1024, seed: 1)
        let error = try #require(throws: StoreError.self) {
            for _ in 0..<16 {
                try writer.write(contentsOf: chunk)
            }
        }
        #expect(error.code == .noSpace)
        #expect(error.errno == ENOSPC)
        #expect(error.message.contains(writer.temporaryPath))
        #expect(error.message.hasPrefix("write "))
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
        #expect(try store.listObjects().objects.isEmpty)
        let later = try #require(throws: StoreError.self) { try writer.write(contentsOf: [1]) }
        #expect(later.code == .writerClosed)

        let small = sampleBytes(count: 8 * 1024, seed: 2)
        let committed = try commitBytes(small, to: store)
        #expect(readFile(committed.path) == small)
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }

    @Test
    func runningOutOfInodesFailsCreateOrLinkCleanly() async throws {
        // tmpfs counts both new files and new hard links against nr_inodes, so the failure comes either from
        // creating the ingest file or from linking it into objects/.
        let disk = try SmallFileSystem(byteCount: 1024 * 1024, inodeCount: 300)
        let store = try ObjectStore(cacheDirectory: "\(disk.path)/cache", durability: .full, logger: quietLogger)
        var committed: [CommittedObject] = []
        var failure: StoreError?
        for seed in 0..<100 {
            do {
                committed.append(try commitBytes([UInt8(seed)], to: store))
            } catch {
                failure = error as? StoreError
                break
            }
        }
        let error = try #require(failure)
        #expect(error.code == .noSpace)
        #expect(error.message.hasPrefix("open \(store.layout.ingestDirectory)/") || error.message.hasPrefix("link "))
        #expect(!committed.isEmpty)
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
        let failedDigest = SHA256Hasher.digest(of: [UInt8(committed.count)])
        #expect(try !store.contains(failedDigest))
        for (seed, object) in committed.enumerated() {
            #expect(readFile(object.path) == [UInt8(seed)])
        }

        let victim = try #require(committed.first)
        victim.pin.release()
        #expect(try await store.removeUnlessPinned(victim.digest))
        let again = try commitBytes([200], to: store)
        #expect(readFile(again.path) == [200])
    }

    @Test
    func aFullDiskDuringCommitOfALargeObjectLeavesNothingHalfVisible() throws {
        let disk = try SmallFileSystem(byteCount: 128 * 1024, inodeCount: 1000)
        let store = try ObjectStore(cacheDirectory: "\(disk.path)/cache", durability: .relaxed, logger: quietLogger)
        let first = try commitBytes(sampleBytes(count: 60 * 1024, seed: 3), to: store)
        let writer = try store.makeWriter()
        #expect(throws: StoreError.self) {
            try writer.write(contentsOf: sampleBytes(count: 120 * 1024, seed: 4))
            _ = try writer.commit(expectedLength: nil)
        }
        #expect(try store.listObjects().objects.map(\.digest) == [first.digest])
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
        #expect(try store.verify().damaged.isEmpty)
    }
}
