import ArgumentParser
import AssetFetch
import AssetTestSupport
import Crypto
import Foundation
import Synchronization

/// `assetbench fetch`: the fetch engine against `curl --parallel` and `aria2c` on the same nginx, same run.
///
/// Three measurements: many small files (5,000 × 32 KiB), one big file (1 GiB), both at concurrency 32 and hashed
/// with SHA-256 into a discarding sink; and the engine's peak memory (VmHWM) with 100,000 requests submitted.
/// Everything is served by nginx on 127.0.0.1 from a temporary directory that is removed at the end.
struct FetchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch engine vs curl --parallel and aria2c on loopback nginx."
    )

    @Option(help: "Number of small files.") var smallCount = 5000
    @Option(help: "Size of each small file in bytes.") var smallSize = 32 * 1024
    @Option(help: "Size of the big file in bytes.") var bigSize = 1 << 30
    @Option(help: "Transfers at once, for every tool.") var concurrency = 32
    @Option(help: "Requests submitted in the memory run.") var memoryRequests = 100_000
    @Option(help: "Rounds per measurement (the median is shown).") var rounds = 3

    func run() async throws {
        let directory = try TemporaryDirectory(prefix: "assetd-bench-")
        defer { directory.remove() }
        let root = directory.appending("www")
        print("generating \(smallCount) × \(smallSize) B and 1 × \(bigSize) B under \(root)")
        let small = try GeneratedFiles.writeMany(count: smallCount, under: root) { _ in smallSize }
        let big = try GeneratedFiles.write("big/big.bin", byteCount: bigSize, seed: 77, under: root)
        let tiny = try GeneratedFiles.write("tiny/tiny.jpg", byteCount: 512, seed: 78, under: root)
        let server = try await NginxServer.start(root: root, workerProcesses: 2)
        do {
            print("nginx on \(server.baseURL), libcurl \(FetchEngine.curlVersion), concurrency \(concurrency)\n")
            // Memory first, so the process high-water mark belongs to this run alone.
            try await measureMemory(url: server.baseURL + "/" + tiny.relativePath)
            try await compare(
                title: "\(smallCount) files of \(smallSize / 1024) KiB",
                files: small,
                server: server,
                scratch: directory,
                withShellHash: false
            )
            try await compare(
                title: "1 file of \(bigSize >> 20) MiB",
                files: [big],
                server: server,
                scratch: directory,
                withShellHash: true
            )
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }

    // MARK: Comparison

    private func compare(
        title: String,
        files: [GeneratedFile],
        server: NginxServer,
        scratch: TemporaryDirectory,
        withShellHash: Bool
    ) async throws {
        let urls = files.map { server.baseURL + "/" + $0.relativePath }
        let curlConfig = scratch.appending("curl.cfg")
        let ariaList = scratch.appending("aria2.list")
        let output = scratch.appending("out")
        var curlLines: [String] = []
        var ariaLines: [String] = []
        for (index, url) in urls.enumerated() {
            curlLines += ["url = \"\(url)\"", "output = \"\(output)/\(index)\""]
            ariaLines += [url, "  out=\(index)"]
        }
        try (curlLines.joined(separator: "\n") + "\n").write(toFile: curlConfig, atomically: true, encoding: .utf8)
        try (ariaLines.joined(separator: "\n") + "\n").write(toFile: ariaList, atomically: true, encoding: .utf8)

        let nullConfig = scratch.appending("curl-null.cfg")
        let nullLines = urls.flatMap { ["url = \"\($0)\"", "output = \"/dev/null\""] }
        try (nullLines.joined(separator: "\n") + "\n").write(toFile: nullConfig, atomically: true, encoding: .utf8)
        let parallel = ["-s", "-f", "--parallel", "--parallel-max", "\(concurrency)", "-K"]
        var runs: [(String, () async throws -> Void)] = [
            (
                "curl --parallel --parallel-max \(concurrency), to files",
                { try await runTool("curl", parallel + [curlConfig], cleaning: output) }
            ),
            (
                "curl --parallel --parallel-max \(concurrency), to /dev/null",
                { try await runTool("curl", parallel + [nullConfig], cleaning: nil) }
            ),
            (
                "assetd engine, SHA-256 into a discarding sink",
                { try await fetchWithEngine(files: files, urls: urls, hashing: true) }
            ),
            (
                "assetd engine, no hashing (discarding sink)",
                { try await fetchWithEngine(files: files, urls: urls, hashing: false) }
            ),
            (
                "aria2c -j \(concurrency) -i list, to files",
                {
                    try await runTool(
                        "aria2c",
                        [
                            "-q", "-j", "\(concurrency)", "-i", ariaList, "-d", output, "--file-allocation=none",
                            "--allow-overwrite=true", "--auto-file-renaming=false", "--max-tries=1",
                        ],
                        cleaning: output
                    )
                }
            ),
        ]
        if withShellHash, let url = urls.first {
            runs.append(
                (
                    "curl -s URL | sha256sum",
                    { try await runTool("bash", ["-c", "curl -s -f '\(url)' | sha256sum"], cleaning: nil) }
                )
            )
        }
        var times = Array(repeating: [Double](), count: runs.count)
        for _ in 0..<max(1, rounds) {
            for (index, run) in runs.enumerated() {
                let start = ContinuousClock.now
                try await run.1()
                let elapsed = ContinuousClock.now - start
                times[index].append(Self.seconds(elapsed))
            }
        }
        let medians = times.map { $0.sorted()[$0.count / 2] }
        let curlFiles = medians[0]
        let curlNull = medians[1]
        print("\(title), concurrency \(concurrency), median of \(max(1, rounds)) rounds")
        print(pad("tool", 52) + pad("seconds", 10) + pad("ratio to curl (files)", 24) + "ratio to curl (/dev/null)")
        for (index, run) in runs.enumerated() {
            let seconds = pad(String(format: "%.3f", medians[index]), 10)
            let ratioFiles = pad(String(format: "%.2f", medians[index] / curlFiles), 24)
            print(pad(run.0, 52) + seconds + ratioFiles + String(format: "%.2f", medians[index] / curlNull))
        }
        print("")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func runTool(_ program: String, _ arguments: [String], cleaning directory: String?) async throws {
        if let directory {
            try? FileManager.default.removeItem(atPath: directory)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let result = try await ProcessRunner.run(program, arguments, timeout: .seconds(600))
        guard result.exitCode == 0 else {
            throw ValidationError("\(program) failed with \(result.exitCode): \(result.standardError)")
        }
    }

    private func fetchWithEngine(files: [GeneratedFile], urls: [String], hashing: Bool) async throws {
        var policy = FetchPolicy()
        policy.allowPrivateNetworks = true
        policy.acceptTypes = []
        policy.maxObjectBytes = Int64(bigSize) + 1
        let engine = try FetchEngine(
            configuration: .init(concurrency: concurrency, perHost: concurrency, policy: policy)
        )
        defer { engine.shutDown() }
        let latch = Latch(count: urls.count)
        let discarding = DiscardingSink()
        for (file, url) in zip(files, urls) {
            guard hashing else {
                try await engine.submit(FetchRequest(url: url), into: discarding) { result in
                    latch.arrive(isGood: (try? result.get())?.bodyByteCount == Int64(file.byteCount))
                }
                continue
            }
            let sink = HashingSink()
            try await engine.submit(FetchRequest(url: url), into: sink) { result in
                let isGood = (try? result.get()) != nil && sink.hexDigest() == file.sha256Hex
                latch.arrive(isGood: isGood)
            }
        }
        let failures = await latch.wait()
        guard failures == 0 else { throw ValidationError("\(failures) engine fetches failed or had wrong digests") }
    }

    // MARK: Memory

    private func measureMemory(url: String) async throws {
        let before = Self.memoryStatus()
        let engine = try FetchEngine(
            configuration: .init(
                concurrency: concurrency,
                perHost: concurrency,
                policy: {
                    var policy = FetchPolicy()
                    policy.allowPrivateNetworks = true
                    return policy
                }()
            )
        )
        let sink = DiscardingSink()
        let latch = Latch(count: memoryRequests)
        let start = ContinuousClock.now
        for index in 0..<memoryRequests {
            try await engine.submit(FetchRequest(url: url + "?n=\(index)"), into: sink) { result in
                latch.arrive(isGood: (try? result.get()) != nil)
            }
        }
        let failures = await latch.wait()
        let elapsed = ContinuousClock.now - start
        engine.shutDown()
        let after = Self.memoryStatus()
        print("engine memory: \(memoryRequests) requests submitted (queue limit \(engine.configuration.queueLimit))")
        print("  before: VmRSS \(before.rss / 1024) KiB, VmHWM \(before.hwm / 1024) KiB")
        print("  after:  VmRSS \(after.rss / 1024) KiB, VmHWM \(after.hwm / 1024) KiB (process peak; target < 64 MiB)")
        print(
            "  \(memoryRequests - failures) fetched, \(failures) failed, \(elapsed) (\(Int(Double(memoryRequests) / Self.seconds(elapsed))) req/s)\n"
        )
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func memoryStatus() -> (rss: Int, hwm: Int) {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func kilobytes(_ key: String) -> Int {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return (kilobytes("VmRSS:"), kilobytes("VmHWM:"))
    }
}

/// Hashes a body with SHA-256 and keeps nothing else.
///
/// Safety: the engine calls a sink from its thread only, one call at a time; `hexDigest()` runs in the completion,
/// on the same thread, after the last `write`.
private final class HashingSink: BodySink, @unchecked Sendable {
    private var hasher = SHA256()

    func begin(head: ResponseHead) throws {}

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
    }

    func hexDigest() -> String {
        hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// Drops every byte.
private final class DiscardingSink: BodySink {
    func begin(head: ResponseHead) throws {}
    func write(_ bytes: UnsafeRawBufferPointer) throws {}
}

/// Counts completions and wakes one waiter when all have arrived.
private final class Latch: Sendable {
    private struct State {
        var remaining: Int
        var failures = 0
        var waiter: CheckedContinuation<Int, Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(remaining: count))
    }

    func arrive(isGood: Bool) {
        let resume: (CheckedContinuation<Int, Never>, Int)? = state.withLock { state in
            state.remaining -= 1
            if !isGood { state.failures += 1 }
            guard state.remaining == 0, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return (waiter, state.failures)
        }
        if let resume { resume.0.resume(returning: resume.1) }
    }

    /// Returns the number of failed arrivals once all have arrived.
    func wait() async -> Int {
        await withCheckedContinuation { continuation in
            let done: Int? = state.withLock { state in
                guard state.remaining > 0 else { return state.failures }
                state.waiter = continuation
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
