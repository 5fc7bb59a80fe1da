import AssetStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills the `storecrash` child with SIGKILL at random moments and checks the store's invariants after each kill.
///
/// Needs the `storecrash` executable built next to the test bundle: `swift build --build-tests` (what `make test`
/// runs) and `swift test` build every product, so it is there.
@Suite(.serialized)
struct CrashTests {
    /// Where `storecrash` is: next to the test runner, else in the package's `.build/debug`.
    static func storecrashPath(filePath: String = #filePath) -> String? {
        var candidates: [String] = []
        if let runner = CommandLine.arguments.first {
            candidates.append(
                URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("storecrash").path
            )
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("storecrash").path)
        let packageRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/storecrash").path)
        return candidates.first { access($0, X_OK) == 0 }
    }

    @Test(.timeLimit(.minutes(2)))
    func committedRowsSurviveThirtySIGKILLs() async throws {
        let binary = try #require(
            Self.storecrashPath(),
            "storecrash is not built; run `swift build --build-tests` (or `swift build`) first"
        )
        let scratch = try ScratchDirectory()
        let cacheDirectory = "\(scratch.path)/cache"
        var generator = SystemRandomNumberGenerator()
        var reported: [String: String] = [:]
        var killedDuringWork = 0
        for run in 1...30 {
            let delay = UInt32.random(in: 20_000...700_000, using: &generator)
            let lines = try runAndKill(
                binary,
                arguments: ["--state-dir", scratch.path, "--cache-dir", cacheDirectory, "--seed", "\(run)"],
                after: delay
            )
            for line in lines {
                let fields = line.split(separator: " ")
                try #require(fields.count == 3 && fields[0] == "committed", "unexpected output line: \(line)")
                reported[String(fields[1])] = String(fields[2])
            }
            if !lines.isEmpty { killedDuringWork += 1 }
            try await checkInvariants(
                stateDirectory: scratch.path,
                cacheDirectory: cacheDirectory,
                reported: reported,
                run: run
            )
        }
        #expect(killedDuringWork >= 10, "most children should have committed something before their kill")
        #expect(reported.count >= 30)
    }

    /// Starts the child, kills it with SIGKILL after `delay` microseconds, and returns its complete output lines.
    private func runAndKill(_ binary: String, arguments: [String], after delay: UInt32) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if !text.hasSuffix("\n"), !lines.isEmpty {
            lines.removeLast()
        }
        return lines
    }

    private func checkInvariants(
        stateDirectory: String,
        cacheDirectory: String,
        reported: [String: String],
        run: Int
    ) async throws {
        let layout = ObjectLayout(cacheDirectory: cacheDirectory)
        // 1. Before any recovery: every cached row names an object that exists and re-hashes to its digest.
        let index = try await IndexDatabase.open(path: "\(stateDirectory)/index.sqlite", durability: .full)
        var cursor: AssetID?
        var cachedCount = 0
        repeat {
            let page = try await index.assets(in: .cached, after: cursor, limit: 500)
            for asset in page.assets {
                let digest = try #require(asset.digest, "run \(run): cached asset \(asset.url) has no digest")
                let path = layout.objectPath(for: digest)
                let (actual, count) = try ObjectStore.hashFile(at: path)
                #expect(actual == digest, "run \(run): \(path) does not re-hash to its name")
                #expect(count == asset.byteCount, "run \(run): \(path) has \(count) bytes")
                #expect(fileMode(path) == 0o444)
                cachedCount += 1
            }
            cursor = page.nextCursor
        } while cursor != nil
        // 2. No row reported committed is lost.
        for (url, digest) in reported {
            let asset = try await index.asset(url: url)
            #expect(
                asset?.state == .cached,
                "run \(run): \(url) was reported committed but is \(String(describing: asset?.state))"
            )
            #expect(asset?.digest?.hex == digest, "run \(run): \(url) lost its digest")
        }
        #expect(cachedCount >= reported.count)
        try await index.close()
        // 3. Nothing half-visible: only objects/, ingest/, quarantine/ (a kill during the first open may leave
        //    some not created yet) and whole, well-named objects.
        #expect(Set(directoryNames(cacheDirectory)).isSubset(of: ["ingest", "objects", "quarantine"]))
        #expect(directoryNames(layout.quarantineDirectory).isEmpty)
        for shard in ObjectLayout.shardNames {
            for name in directoryNames("\(layout.objectsDirectory)/\(shard)") {
                #expect(
                    ObjectLayout.classify(name: name, inShard: shard) != .stray,
                    "run \(run): stray \(shard)/\(name)"
                )
            }
        }
        // 4. Re-opening sweeps ingest/ and finds nothing missing.
        let store = try await Store.open(
            stateDirectory: stateDirectory,
            cacheDirectory: cacheDirectory,
            durability: .full,
            logger: quietLogger
        )
        #expect(directoryNames(layout.ingestDirectory).isEmpty, "run \(run): ingest/ not swept on open")
        #expect(store.recovery.missingObjects == 0)
        #expect(store.recovery.lostAssets == 0)
        #expect(store.recovery.missingArticleDigests.isEmpty)
        try await store.close()
    }
}
