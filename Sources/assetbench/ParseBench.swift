import ArgumentParser
import AssetParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `assetbench parse`: article-scanning throughput on the corpus pages concatenated to a large file, next to
/// `grep -c srcset` on the same file, plus the process's peak resident memory.
struct ParseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse throughput of ArticleScanner against grep -c srcset on the same file."
    )

    @Option(help: "Directory of HTML pages to concatenate.")
    var corpus = "../shared/corpus/articles"

    @Option(help: "Size of the concatenated file, in MB (10^6 bytes).")
    var megabytes = 100

    @Option(help: "Bytes handed to the scanner per feed call.")
    var chunkSize = 64 * 1024

    @Option(help: "Timed runs of each tool; the best one is reported.")
    var runs = 3

    func validate() throws {
        guard megabytes > 0, chunkSize > 0, runs > 0 else {
            throw ValidationError("--megabytes, --chunk-size and --runs must be positive")
        }
    }

    func run() async throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: corpus)
            .filter { $0.hasSuffix(".html") }
            .sorted()
            .map { URL(fileURLWithPath: corpus).appendingPathComponent($0) }
        guard !pages.isEmpty else { throw ValidationError("no .html pages in \(corpus)") }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("assetbench-parse-\(ProcessInfo.processInfo.processIdentifier).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let byteCount = try writeConcatenation(of: pages, to: file, minimumByteCount: megabytes * 1_000_000)
        let megabyteCount = Double(byteCount) / 1_000_000
        print("input: \(pages.count) pages concatenated to \(format(megabyteCount)) MB (\(file.path))")

        var grepBest = Duration.seconds(1_000_000)
        var grepLines = ""
        for _ in 0..<runs {
            let (duration, output) = try timeGrep(file)
            grepBest = min(grepBest, duration)
            grepLines = output
        }
        var parseBest = Duration.seconds(1_000_000)
        var imageCount = 0
        for _ in 0..<runs {
            let (duration, images) = try timeParse(file)
            parseBest = min(parseBest, duration)
            imageCount = images
        }
        let grepRate = megabyteCount / grepBest.seconds
        let parseRate = megabyteCount / parseBest.seconds
        print("grep -c srcset: \(format(grepRate)) MB/s (\(grepLines) lines, best of \(runs))")
        print("ArticleScanner: \(format(parseRate)) MB/s (\(imageCount) images, best of \(runs))")
        print("ratio parse/grep: \(format(parseRate / grepRate))")
        let peak = Self.peakResidentMegabytes()
        print(
            "peak RSS (VmHWM): \(peak.map(format) ?? "unknown") MB; budget input + 64 = \(format(megabyteCount + 64)) MB"
        )
    }

    /// Writes the pages one after another, over and over, until at least `minimumByteCount` bytes are written.
    private func writeConcatenation(of pages: [URL], to file: URL, minimumByteCount: Int) throws -> Int {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw ValidationError("cannot create \(file.path)")
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        let contents = try pages.map { try Data(contentsOf: $0) }
        var written = 0
        while written < minimumByteCount {
            for page in contents {
                try handle.write(contentsOf: page)
                written += page.count
            }
        }
        return written
    }

    private func timeGrep(_ file: URL) throws -> (Duration, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["grep", "-c", "srcset", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        let start = ContinuousClock.now
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let duration = ContinuousClock.now - start
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (duration, text)
    }

    /// Streams the file through an `ArticleScanner` in `chunkSize` reads; returns the time and the image count.
    private func timeParse(_ file: URL) throws -> (Duration, Int) {
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else { throw ValidationError("cannot open \(file.path)") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var scanner = ArticleScanner(baseURL: "https://example.com/news/article.html")
        var images = 0
        let start = ContinuousClock.now
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                if count < 0 { throw ValidationError("cannot read \(file.path)") }
                break
            }
            images +=
                buffer.withUnsafeBufferPointer { scanner.feed(UnsafeBufferPointer(rebasing: $0[..<count])) }
                .images.count
        }
        images += scanner.finish().images.count
        return (ContinuousClock.now - start, images)
    }

    /// VmHWM from /proc/self/status, in MB.
    private static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Double(fields[1]) else { return nil }
            return kilobytes * 1024 / 1_000_000
        }
        return nil
    }

    private func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
