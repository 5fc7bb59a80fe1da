import ArgumentParser
import AssetStore
import Foundation
import Logging

/// `assetbench store`: object commits per second (durability full and relaxed) next to `git hash-object -w` with
/// and without `core.fsync=loose-object` on the same bytes, commits through the `Store` facade (object plus index
/// row), and verify throughput next to `sha256sum` over the same object files, all in one run.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Time object commits (full, relaxed) and verify, next to git hash-object and sha256sum."
    )

    @Option(help: "Objects committed with durability full.")
    var fullCommits = 300

    @Option(help: "Objects committed with durability relaxed.")
    var relaxedCommits = 3000

    @Option(help: "Size of each committed object in bytes.")
    var objectBytes = 32 * 1024

    @Option(help: "MiB of objects to verify.")
    var verifyMebibytes = 256

    @Option(help: "Directory to work in (default: a new one under /tmp, removed at the end).")
    var directory: String?

    func validate() throws {
        guard fullCommits > 0, relaxedCommits > 0, objectBytes > 0, verifyMebibytes > 0 else {
            throw ValidationError("every count must be positive")
        }
    }

    func run() async throws {
        let work = directory ?? "/tmp/assetd-storebench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer {
            if directory == nil { try? FileManager.default.removeItem(atPath: work) }
        }
        print("assetbench store: \(objectBytes / 1024) KiB objects in \(work)")
        for (durability, count) in [(Durability.full, fullCommits), (.relaxed, relaxedCommits)] {
            try commitBenchmark(durability: durability, count: count, work: work)
        }
        try await facadeBenchmark(count: fullCommits, work: work)
        try await verifyBenchmark(work: work)
    }

    // MARK: - Commits

    private func commitBenchmark(durability: Durability, count: Int, work: String) throws {
        let objects = (0..<count).map { makeObject(number: $0, salt: durability == .full ? 1 : 2) }
        let store = try ObjectStore(
            cacheDirectory: "\(work)/commit-\(durability.rawValue)",
            durability: durability,
            logger: Logger(label: "assetbench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let clock = ContinuousClock()
        let start = clock.now
        for bytes in objects {
            let writer = try store.makeWriter()
            try writer.write(contentsOf: bytes)
            _ = try writer.commit(expectedLength: Int64(bytes.count))
        }
        let ours = clock.now - start

        let sources = "\(work)/git-sources-\(durability.rawValue)"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        var paths: [String] = []
        for (number, bytes) in objects.enumerated() {
            let path = "\(sources)/\(number)"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw ValidationError("cannot write \(path)")
            }
            paths.append(path)
        }
        let git = try timeGitHashObject(paths: paths, durability: durability, work: work)
        let oursRate = Double(count) / ours.seconds
        var line = "commit \(durability.rawValue): \(count) objects in \(format(ours)) = \(Int(oursRate)) commits/s"
        if let git {
            let gitRate = Double(count) / git.seconds
            line += "; git hash-object -w (\(durability == .full ? "core.fsync=loose-object" : "no fsync")) "
            line += "\(Int(gitRate)) objects/s; ours/git = \(String(format: "%.2f×", oursRate / gitRate))"
        }
        print(line)
    }

    private func facadeBenchmark(count: Int, work: String) async throws {
        let state = "\(work)/facade"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let store = try await Store.open(
            stateDirectory: state,
            cacheDirectory: "\(state)/cache",
            durability: .full,
            logger: Logger(label: "assetbench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let article = try store.makeWriter()
        try article.write(contentsOf: Array("bench article".utf8))
        let committedArticle = try article.commit(expectedLength: nil)
        let urls = (0..<count).map { "https://img.example/\($0).jpg" }
        _ = try await store.enqueueArticle(
            NewArticle(
                source: "bench.html",
                baseURL: nil,
                digest: committedArticle.digest,
                byteCount: committedArticle.byteCount,
                contentType: nil,
                optionsJSON: "{}",
                images: [ImageRecord(ordinal: 0, line: 1, sourcesJSON: "[]", selectedJSON: "[]", selectedURLs: urls)]
            ),
            committed: committedArticle
        )
        let claimed = try await store.index.claimDueAssets(limit: count, perHostLimit: count, now: Date())
        let objects = (0..<claimed.count).map { makeObject(number: $0, salt: 3) }
        let clock = ContinuousClock()
        let start = clock.now
        for (asset, bytes) in zip(claimed, objects) {
            let writer = try store.makeWriter()
            try writer.write(contentsOf: bytes)
            let committed = try writer.commit(expectedLength: Int64(bytes.count))
            _ = try await store.recordFetched(committed, asset: asset.id, contentType: "image/jpeg")
        }
        let elapsed = clock.now - start
        try await store.close()
        print(
            "commit full + index row (Store facade): \(claimed.count) in \(format(elapsed)) = "
                + "\(Int(Double(claimed.count) / elapsed.seconds)) commits/s"
        )
    }

    // MARK: - Verify

    private func verifyBenchmark(work: String) async throws {
        let store = try ObjectStore(
            cacheDirectory: "\(work)/verify",
            durability: .relaxed,
            logger: Logger(label: "assetbench", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let chunk = 128 * 1024
        let count = verifyMebibytes * 1024 * 1024 / chunk
        var paths: [String] = []
        for number in 0..<count {
            let writer = try store.makeWriter()
            try writer.write(contentsOf: makeObject(number: number, salt: 4, byteCount: chunk))
            let committed = try writer.commit(expectedLength: nil)
            paths.append(committed.path)
        }
        // Warm the page cache for both tools, so both measure hashing and reading from memory.
        _ = try timeSha256sum(paths: paths)
        let clock = ContinuousClock()
        let start = clock.now
        let report = try store.verify()
        let ours = clock.now - start
        guard report.damaged.isEmpty, report.objectsChecked == count else {
            throw ValidationError("verify found \(report.damaged.count) damaged of \(report.objectsChecked)")
        }
        let megabytes = Double(report.bytesChecked) / 1_000_000
        var line = "verify: \(count) objects, \(verifyMebibytes) MiB in \(format(ours)) = "
        line += String(format: "%.0f MB/s", megabytes / ours.seconds)
        if let peer = try timeSha256sum(paths: paths) {
            line += String(format: "; sha256sum %.0f MB/s", megabytes / peer.seconds)
            line += String(format: " (ours/sha256sum = %.2f×)", peer.seconds / ours.seconds)
        }
        if let peer = try timeOpenSSL(paths: paths) {
            line += String(format: "; openssl dgst -sha256 %.0f MB/s", megabytes / peer.seconds)
            line += String(format: " (ours/openssl = %.2f×)", peer.seconds / ours.seconds)
        }
        print(line)
    }

    // MARK: - Peers

    private func timeGitHashObject(paths: [String], durability: Durability, work: String) throws -> Duration? {
        let gitPath = "/usr/bin/git"
        guard FileManager.default.isExecutableFile(atPath: gitPath) else {
            print("git: not found at \(gitPath); absolute figures only")
            return nil
        }
        let repository = "\(work)/git-\(durability.rawValue)"
        let initialize = Process()
        initialize.executableURL = URL(fileURLWithPath: gitPath)
        initialize.arguments = ["init", "-q", "--bare", repository]
        try initialize.run()
        initialize.waitUntilExit()
        let listPath = "\(work)/git-list-\(durability.rawValue)"
        try (paths.joined(separator: "\n") + "\n").write(toFile: listPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gitPath)
        let fsync = durability == .full ? "loose-object" : "none"
        process.arguments = [
            "--git-dir=\(repository)", "-c", "core.fsync=\(fsync)", "-c", "core.fsyncMethod=fsync",
            "hash-object", "-w", "--stdin-paths",
        ]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: listPath))
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = clock.now - start
        guard process.terminationStatus == 0 else {
            throw ValidationError("git hash-object exited with status \(process.terminationStatus)")
        }
        return elapsed
    }

    private func timeSha256sum(paths: [String]) throws -> Duration? {
        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("sha256sum: not found at \(tool); absolute figures only")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = paths
        let output = Pipe()
        process.standardOutput = output
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = clock.now - start
        let text = String(decoding: data, as: UTF8.self)
        let matching = text.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.count == 2 && fields[1].hasSuffix("/" + fields[0])
        }
        guard process.terminationStatus == 0, matching.count == paths.count else {
            throw ValidationError("sha256sum disagreed with the object names")
        }
        return elapsed
    }

    private func timeOpenSSL(paths: [String]) throws -> Duration? {
        let tool = "/usr/bin/openssl"
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("openssl: not found at \(tool)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["dgst", "-sha256"] + paths
        let output = Pipe()
        process.standardOutput = output
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = clock.now - start
        // Lines read `SHA2-256(<path>)= <hex>`; the path ends in the hex.
        let matching = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { line in
            guard let equals = line.range(of: ")= ") else { return false }
            return line[..<equals.lowerBound].hasSuffix("/" + line[equals.upperBound...])
        }
        guard process.terminationStatus == 0, matching.count == paths.count else {
            throw ValidationError("openssl dgst disagreed with the object names")
        }
        return elapsed
    }

    // MARK: - Helpers

    /// Distinct pseudo-random bytes per (number, salt), so every object has its own digest.
    private func makeObject(number: Int, salt: UInt64, byteCount: Int? = nil) -> [UInt8] {
        let count = byteCount ?? objectBytes
        var state = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 ^ salt
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            value ^= value >> 31
            withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    private func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        return String(format: "%.1f ms", seconds * 1000)
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
