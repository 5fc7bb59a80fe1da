import AssetStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// EIO and ENOSPC at every step of a commit, injected through `SystemCallFaults` on this test's own paths.
@Suite
struct SystemCallFaultTests {
    /// A failing step of a commit: the call, whether it acts on the ingest file or the objects directory, the errno.
    struct Step: Sendable, CustomTestStringConvertible {
        var call: String
        var inObjects: Bool
        var errno: Int32
        var code: StoreError.Code

        var testDescription: String { "\(call) on \(inObjects ? "objects/" : "ingest/") errno \(errno)" }
    }

    static let stepsBeforePublishing: [Step] = [
        Step(call: "open", inObjects: false, errno: EIO, code: .ioError),
        Step(call: "write", inObjects: false, errno: EIO, code: .ioError),
        Step(call: "write", inObjects: false, errno: ENOSPC, code: .noSpace),
        Step(call: "fchmod", inObjects: false, errno: EIO, code: .ioError),
        Step(call: "fsync", inObjects: false, errno: EIO, code: .ioError),
        Step(call: "fsync", inObjects: false, errno: ENOSPC, code: .noSpace),
        Step(call: "close", inObjects: false, errno: EIO, code: .ioError),
        Step(call: "link", inObjects: true, errno: EIO, code: .ioError),
        Step(call: "link", inObjects: true, errno: ENOSPC, code: .noSpace),
        Step(call: "link", inObjects: true, errno: EROFS, code: .permissionDenied),
    ]

    @Test(arguments: stepsBeforePublishing)
    func aFailureBeforePublishingLeavesNothingVisibleAndTheStoreUsable(step: Step) throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let prefix = step.inObjects ? store.layout.objectsDirectory : store.layout.ingestDirectory
        defer { SystemCallFaults.clear(under: prefix) }
        let bytes = sampleBytes(count: 20_000, seed: 21)
        let digest = SHA256Hasher.digest(of: bytes)
        SystemCallFaults.inject(step.call, under: prefix, errno: step.errno)

        let error = try #require(throws: StoreError.self) { try commitBytes(bytes, to: store) }
        #expect(error.code == step.code)
        #expect(error.errno == step.errno)
        #expect(error.message.hasPrefix("\(step.call) \(prefix)/"))
        #expect(error.message.contains("errno \(step.errno)"))
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty, "the temporary file is removed")
        #expect(try !store.contains(digest), "nothing is published")
        #expect(store.pinnedDigests.isEmpty)

        let committed = try commitBytes(bytes, to: store)
        #expect(committed.isNew)
        #expect(try store.verify().damaged.isEmpty)
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }

    @Test
    func aFailingDirectoryFsyncReportsTheErrorAndLeavesOnlyTheWholeObject() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 20_000, seed: 22)
        let digest = SHA256Hasher.digest(of: bytes)
        let shard = store.layout.shardDirectory(for: digest)
        defer { SystemCallFaults.clear(under: shard) }
        SystemCallFaults.inject("fsync", under: shard, errno: EIO)

        let error = try #require(throws: StoreError.self) { try commitBytes(bytes, to: store) }
        #expect(error.code == .ioError)
        #expect(error.message.hasPrefix("fsync \(shard):"))
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
        #expect(store.pinnedDigests.isEmpty)
        // The file was flushed before it got its name, so what is visible is the whole object.
        #expect(SHA256Hasher.digest(of: readFile(store.path(for: digest))) == digest)
        let again = try commitBytes(bytes, to: store)
        #expect(!again.isNew)
    }

    @Test
    func aFailingRemovalKeepsTheReservationBalanced() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let committed = try commitBytes([1, 2, 3], to: store)
        committed.pin.release()
        let prefix = store.layout.objectsDirectory
        defer { SystemCallFaults.clear(under: prefix) }
        SystemCallFaults.inject("unlink", under: prefix, errno: EIO)
        let error = await #expect(throws: StoreError.self) { try await store.removeUnlessPinned(committed.digest) }
        #expect(error?.code == .ioError)
        #expect(try store.contains(committed.digest))
        #expect(store.pin(committed.digest) != nil, "the digest is not left reserved")
        #expect(try await store.removeUnlessPinned(committed.digest))
    }

    @Test
    func anUnreadableObjectCountsAsDamagedInVerifyAndFailsItsReader() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let good = try commitBytes(sampleBytes(count: 3000, seed: 23), to: store)
        let bad = try commitBytes(sampleBytes(count: 3000, seed: 24), to: store)
        defer { SystemCallFaults.clear(under: bad.path) }
        SystemCallFaults.inject("read", under: bad.path, errno: EIO, count: 2)
        let report = try store.verify()
        #expect(report.damaged == [bad.digest])
        #expect(report.objectsChecked == 2)
        let reader = try store.openVerifying(bad.digest)
        let error = try #require(throws: StoreError.self) { try reader.readAll() }
        #expect(error.code == .ioError)
        #expect(error.message.hasPrefix("read \(bad.path)"))
        #expect(try store.openVerifying(good.digest).readAll().count == 3000)
    }

    @Test
    func faultsOnOtherPathsDoNotApply() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let elsewhere = "/tmp/assetd-no-such-prefix-\(getpid())"
        defer { SystemCallFaults.clear(under: elsewhere) }
        SystemCallFaults.inject("write", under: elsewhere, errno: EIO)
        let committed = try commitBytes([4, 5, 6], to: store)
        #expect(committed.isNew)
    }
}
