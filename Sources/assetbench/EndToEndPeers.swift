import ArgumentParser
import AssetTestSupport
import Foundation

/// The peer downloaders of `assetbench e2e` (curl, aria2c, wget2) fetching the selected URL list at a given
/// concurrency into a fresh directory, with their wall-clock and CPU time.
///
/// The URL list and curl's config file are written once, in ``init(urls:scratch:only:)``. Each run writes into a new
/// directory, checked afterwards for one file per URL and left in place until the benchmark's scratch directory is
/// removed at the end: see ``EndToEndBench`` on why no run deletes files while another is measured.
struct EndToEndPeers {
    /// One peer tool.
    enum Tool: String, CaseIterable, ExpressibleByArgument {
        case curl
        case aria2c
        case wget2
    }

    let urls: [String]
    let tools: [Tool]
    private let scratch: TemporaryDirectory
    private let curlConfig: String
    private let list: String

    /// Writes the URL list and curl's config under `scratch`.
    ///
    /// - Parameters:
    ///   - urls: the selected URLs, one file each.
    ///   - scratch: the benchmark's scratch directory.
    ///   - only: the tools to run, in this order.
    /// - Throws: file-system errors.
    init(urls: [String], scratch: TemporaryDirectory, only: [Tool]) throws {
        self.urls = urls
        tools = only
        self.scratch = scratch
        curlConfig = scratch.appending("curl.cfg")
        list = scratch.appending("urls.list")
        let curlLines = urls.enumerated().flatMap { index, url in
            ["url = \"\(url)\"", "output = \"\(index).jpg\""]
        }
        try (curlLines.joined(separator: "\n") + "\n").write(toFile: curlConfig, atomically: false, encoding: .utf8)
        try (urls.joined(separator: "\n") + "\n").write(toFile: list, atomically: false, encoding: .utf8)
    }

    /// Runs every tool once at `concurrency`; a tool that is not installed gives a measurement without a time.
    ///
    /// CPU is the user plus system time of the tool's process (`RUSAGE_CHILDREN` across its run, so nothing else
    /// may reap children meanwhile).
    /// - Throws: `ValidationError` when a tool fails or does not write one file per URL.
    func run(concurrency: Int) async throws -> [EndToEndMeasurement] {
        var measurements: [EndToEndMeasurement] = []
        for tool in tools {
            let output = scratch.appending("peer-\(tool.rawValue)-\(concurrency)")
            let (label, arguments) = command(tool, concurrency: concurrency, output: output)
            guard (try? ProcessRunner.locate(tool.rawValue)) != nil else {
                print("skipping \(tool.rawValue): not installed")
                measurements.append(EndToEndMeasurement(label: label + " (not installed)", tool: tool.rawValue))
                continue
            }
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
            let cpuBefore = ProcessStatistics.reapedChildrenCPUSeconds()
            let start = ContinuousClock.now
            let result = try await ProcessRunner.run(tool.rawValue, arguments, timeout: .seconds(3600))
            let elapsed = EndToEndTable.seconds(ContinuousClock.now - start)
            let cpu = ProcessStatistics.reapedChildrenCPUSeconds() - cpuBefore
            guard result.exitCode == 0 else {
                throw ValidationError("\(tool.rawValue) failed with \(result.exitCode): \(result.standardError)")
            }
            let fetched = (try? FileManager.default.contentsOfDirectory(atPath: output).count) ?? 0
            guard fetched == urls.count else {
                throw ValidationError("\(tool.rawValue) wrote \(fetched) files, expected \(urls.count)")
            }
            measurements.append(
                EndToEndMeasurement(label: label, tool: tool.rawValue, seconds: elapsed, cpuSeconds: cpu)
            )
        }
        return measurements
    }

    /// The table label and the arguments of `tool` at `concurrency`.
    private func command(_ tool: Tool, concurrency: Int, output: String) -> (String, [String]) {
        switch tool {
        case .curl:
            (
                "curl --parallel --parallel-max \(concurrency) -K config --output-dir dir",
                [
                    "-s", "-f", "--parallel", "--parallel-max", "\(concurrency)", "-K", curlConfig,
                    "--output-dir", output,
                ]
            )
        case .aria2c:
            (
                "aria2c -j \(concurrency) -i list -d dir",
                [
                    "-q", "-j", "\(concurrency)", "-i", list, "-d", output, "--file-allocation=none",
                    "--allow-overwrite=true", "--auto-file-renaming=false", "--max-tries=1",
                ]
            )
        case .wget2:
            (
                "wget2 --max-threads \(concurrency) -i list -P dir",
                ["-q", "--max-threads", "\(concurrency)", "-i", list, "-P", output, "--tries=1"]
            )
        }
    }
}
