import AssetStore
import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite
struct ObjectStoreTests {
    @Test
    func openingCreatesTheLayout() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        #expect(directoryNames(store.layout.objectsDirectory) == ObjectLayout.shardNames)
        #expect(fileMode(store.layout.ingestDirectory) == 0o700)
        #expect(fileMode(store.layout.quarantineDirectory) == 0o700)
    }

    @Test
    func openingSweepsLeftoverIngestFiles() throws {
        let scratch = try ScratchDirectory()
        let first = try makeObjectStore(in: scratch)
        writeFile(first.layout.ingestPath(named: "dead.part"), [1, 2, 3], mode: 0o600)
        writeFile(first.layout.ingestPath(named: "other"), [4], mode: 0o600)
        let second = try makeObjectStore(in: scratch)
        #expect(directoryNames(second.layout.ingestDirectory).isEmpty)
    }

    @Test
    func sweepingSparesFilesOfLiveWriters() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let writer = try store.makeWriter()
        try writer.write(contentsOf: [1, 2, 3])
        writeFile(store.layout.ingestPath(named: "stale.part"), [0], mode: 0o600)
        let removed = try store.sweepIngest()
        #expect(removed == ["stale.part"])
        #expect(fileExists(writer.temporaryPath))
        let committed = try writer.commit(expectedLength: 3)
        #expect(readFile(committed.path) == [1, 2, 3])
    }

    @Test
    func readingVerifiesTheDigestAtTheEnd() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 200_000, seed: 11)
        let committed = try commitBytes(bytes, to: store)
        let reader = try store.openVerifying(committed.digest)
        #expect(try reader.readAll() == bytes)
        #expect(try reader.readChunk().isEmpty)
        reader.close()
    }

    @Test
    func readingACorruptedObjectThrowsAtTheEnd() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        var bytes = sampleBytes(count: 10_000, seed: 12)
        let committed = try commitBytes(bytes, to: store)
        bytes[5000] ^= 0xff
        overwriteFile(committed.path, with: bytes)
        let reader = try store.openVerifying(committed.digest)
        let first = try reader.readChunk(maximumCount: 8192)
        #expect(first.count == 8192)
        let error = try #require(throws: StoreError.self) { try reader.readAll() }
        #expect(error.code == .digestMismatch)
        #expect(error.message.contains(committed.path))
    }

    @Test
    func openingAMissingObjectIsNotFound() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let digest = SHA256Hasher.digest(of: [42])
        let error = try #require(throws: StoreError.self) { try store.openVerifying(digest) }
        #expect(error.code == .notFound)
        #expect(error.errno == ENOENT)
        #expect(store.pinnedDigests.isEmpty)
        #expect(try !store.contains(digest))
    }

    @Test
    func anOpenReaderKeepsItsObjectFromRemoval() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let committed = try commitBytes([1, 2, 3, 4], to: store)
        committed.pin.release()
        let reader = try store.openVerifying(committed.digest)
        var ranIndexUpdate = false
        #expect(try await !store.removeUnlessPinned(committed.digest) { ranIndexUpdate = true })
        #expect(!ranIndexUpdate)
        #expect(try store.contains(committed.digest))
        reader.close()
        #expect(try await store.removeUnlessPinned(committed.digest) { ranIndexUpdate = true })
        #expect(ranIndexUpdate)
        #expect(try !store.contains(committed.digest))
    }

    @Test
    func aFailingIndexUpdateLeavesTheFile() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let committed = try commitBytes([5, 6], to: store)
        committed.pin.release()
        await #expect(throws: StoreError.self) {
            try await store.removeUnlessPinned(committed.digest) { () throws(StoreError) in
                throw StoreError(.database, "refused")
            }
        }
        #expect(try store.contains(committed.digest))
        #expect(store.pin(committed.digest) != nil)
    }

    @Test
    func readersCannotPinAnObjectWhileItIsRemovedAndCommittersWait() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 1000, seed: 14)
        let committed = try commitBytes(bytes, to: store)
        committed.pin.release()
        let removed = try await store.removeUnlessPinned(committed.digest) { () throws(StoreError) in
            #expect(store.pin(committed.digest) == nil)
            let error = #expect(throws: StoreError.self) { try store.openVerifying(committed.digest) }
            #expect(error?.code == .notFound)
        }
        #expect(removed)
        #expect(try !store.contains(committed.digest))
        let again = try commitBytes(bytes, to: store)
        #expect(again.isNew)
        #expect(readFile(again.path) == bytes)
    }

    @Test
    func aCommitOfTheSameBytesWaitsForARemovalInProgressThenCreatesAFreshFile() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 2000, seed: 15)
        let first = try commitBytes(bytes, to: store)
        first.pin.release()
        let writer = try store.makeWriter()
        try writer.write(contentsOf: bytes)
        let outcome = Mutex<CommittedObject?>(nil)
        let done = DispatchSemaphore(value: 0)
        let removed = try await store.removeUnlessPinned(first.digest) { () throws(StoreError) in
            DispatchQueue.global().async {
                let committed = try? writer.commit(expectedLength: 2000)
                outcome.withLock { $0 = committed }
                done.signal()
            }
            usleep(100_000)
            #expect(outcome.withLock { $0 == nil }, "the commit must wait while the object is being removed")
        }
        #expect(removed)
        done.wait()
        let second = try #require(outcome.withLock { $0 })
        #expect(second.isNew)
        #expect(SHA256Hasher.digest(of: readFile(second.path)) == second.digest)
    }

    @Test
    func listingSeparatesObjectsFromStrays() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let a = try commitBytes([1], to: store)
        let b = try commitBytes([2, 2], to: store)
        let stray = "\(store.layout.objectsDirectory)/00/leftover.tmp"
        writeFile(stray, [0])
        let misplaced = "\(store.layout.objectsDirectory)/01/\(a.digest.hex)"
        writeFile(misplaced, [1])
        let listing = try store.listObjects()
        #expect(listing.objects.map(\.digest) == [a.digest, b.digest].sorted())
        #expect(listing.objects.map(\.byteCount) == (a.digest < b.digest ? [1, 2] : [2, 1]))
        #expect(Set(listing.strays) == [stray, misplaced])
    }

    @Test
    func concurrentWritersOfTheSameBytesStoreOneObject() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 50_000, seed: 13)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { try commitBytes(bytes, to: store).isNew }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(try store.listObjects().objects.count == 1)
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }
}
