import ArgumentParser
import AssetTestSupport
import Foundation

/// The daemon's peak memory with a large queue (issue 6: peak RSS while 100,000 assets are queued, target under
/// 150 MB), with the index size and the CPU time the submission cost.
///
/// The articles point at a loopback port where a socket listens but never accepts: the kernel completes the
/// handshake, the request waits in the backlog and no answer ever comes. With `concurrency` and `per-host` at 1
/// and `low-speed-time`/`timeout` at an hour, the daemon starts one transfer that hangs and every other asset stays
/// `queued` while the figures are read. Nothing leaves 127.0.0.1.
struct EndToEndMemory {
    /// What was measured.
    struct Result {
        var assetCount: Int
        var queued: Int
        var enqueueSeconds: Double
        var daemonCPUSeconds: Double?
        var peakResidentBytes: Int?
        var residentBytes: Int?
        var databaseBytes: Int

        /// The lines `assetbench e2e` prints.
        var summary: String {
            let target = 150.0
            let peak = peakResidentBytes.map { Double($0) / 1_000_000 }
            var lines = [
                "\(queued) of \(assetCount) assets queued (the rest fetching from the silent port) after "
                    + "\(EndToEndTable.format(enqueueSeconds)) s of assetctl enqueue",
                "daemon peak RSS (VmHWM) \(peak.map { EndToEndTable.format($0, digits: 1) } ?? "?") MB, "
                    + "now (VmRSS) \(residentBytes.map { EndToEndTable.format(Double($0) / 1e6, digits: 1) } ?? "?") MB"
                    + "; target < \(Int(target)) MB"
                    + (peak.map { ", ratio to target " + EndToEndTable.format($0 / target) } ?? ""),
                "index database (index.sqlite + -wal) \(EndToEndTable.format(Double(databaseBytes) / 1e6, digits: 1)) MB",
            ]
            if let daemonCPUSeconds {
                lines.append(
                    "daemon CPU to take in the articles: \(EndToEndTable.format(daemonCPUSeconds)) s, "
                        + EndToEndTable.format(daemonCPUSeconds * 1000 / Double(max(1, assetCount)), digits: 3)
                        + " s per 1,000 assets"
                )
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    let assetd: String
    let assetctl: String
    let scratch: TemporaryDirectory

    /// Enqueues `assetCount` distinct URLs in `articleCount` articles and reads the daemon's memory.
    ///
    /// - Throws: `ValidationError` when the daemon fails or fewer assets than expected are queued.
    func run(assetCount: Int, articleCount: Int) async throws -> Result {
        let listener = try SilentListener()
        defer { listener.close() }
        let urls = (0..<assetCount).map { "http://127.0.0.1:\(listener.port)/q/\($0).jpg" }
        let articles = try EndToEndCorpus.writeArticles(
            selectedURLs: urls,
            articleCount: articleCount,
            into: scratch.appending("memory-articles")
        )
        defer { try? FileManager.default.removeItem(atPath: scratch.appending("memory-articles")) }
        let daemon = try await EndToEndDaemon.start(
            assetd: assetd,
            assetctl: assetctl,
            name: "assetd-memory",
            settings: [
                "--concurrency", "1", "--per-host", "1", "--low-speed-time", "1h", "--timeout", "1h",
                "--connect-timeout", "1h",
            ],
            scratch: scratch
        )
        do {
            let cpuBefore = ProcessStatistics.cpuSeconds(pid: daemon.pid)
            let seconds = try await daemon.enqueue(articles)
            let cpuAfter = ProcessStatistics.cpuSeconds(pid: daemon.pid)
            let counts = try await daemon.assetCounts()
            guard counts.queued + counts.fetching == assetCount, counts.cached == 0 else {
                throw ValidationError(
                    "expected \(assetCount) assets queued or fetching, status says \(counts.queued) queued, "
                        + "\(counts.fetching) fetching, \(counts.cached) cached, \(counts.failed) failed"
                )
            }
            // Let the scheduler look at the whole queue before the figures are read.
            try await Task.sleep(for: .seconds(2))
            let result = Result(
                assetCount: assetCount,
                queued: counts.queued,
                enqueueSeconds: seconds,
                daemonCPUSeconds: cpuBefore.flatMap { before in cpuAfter.map { $0 - before } },
                peakResidentBytes: ProcessStatistics.statusBytes("VmHWM", pid: daemon.pid),
                residentBytes: ProcessStatistics.statusBytes("VmRSS", pid: daemon.pid),
                databaseBytes: daemon.databaseBytes
            )
            await daemon.stop()
            return result
        } catch {
            let log = daemon.errorTail()
            await daemon.stop()
            throw ValidationError("\(error)\nassetd standard error (end):\n\(log)")
        }
    }
}

/// A TCP socket on 127.0.0.1 that listens and never accepts, so a client's request is never answered.
private final class SilentListener {
    let port: Int
    private let descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ValidationError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let isListening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard isListening else {
            let failure = errno
            Glibc.close(descriptor)
            throw ValidationError("cannot listen on 127.0.0.1: errno \(failure)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        Glibc.close(descriptor)
    }
}
