import AssetDaemon
import Foundation
import Logging
import Testing

@Suite struct DaemonLogHandlerTests {
    func logger(_ output: LogOutput, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "assetd.test") { DaemonLogHandler(label: $0, output: output) }
        logger.logLevel = level
        return logger
    }

    @Test func journalStyleHasPriorityPrefixAndNoTimestamp() throws {
        let pipe = try LogPipe()
        let log = logger(LogOutput(fileDescriptor: pipe.writeEnd, style: .journal), level: .debug)
        log.info("started", metadata: ["store.path": "/var/lib/assetd"])
        log.warning("slow host", metadata: ["fetch.host": "img.example", "fetch.seconds": "12"])
        log.debug("tick")
        log.error("disk full")
        log.critical("index corrupt")
        #expect(
            pipe.drain() == """
                <6>assetd.test: started store.path=/var/lib/assetd
                <4>assetd.test: slow host fetch.host=img.example fetch.seconds=12
                <7>assetd.test: tick
                <3>assetd.test: disk full
                <2>assetd.test: index corrupt

                """
        )
    }

    @Test func timestampedStyleHasTimeAndLevel() throws {
        let pipe = try LogPipe()
        let log = logger(LogOutput(fileDescriptor: pipe.writeEnd, style: .timestamped))
        log.notice("listening", metadata: ["socket": "/tmp/a.sock"])
        let line = pipe.drain()
        let pattern =
            #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z notice assetd\.test: listening socket=/tmp/a\.sock\n$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
    }

    @Test func levelsBelowTheThresholdAreDropped() throws {
        let pipe = try LogPipe()
        let log = logger(LogOutput(fileDescriptor: pipe.writeEnd, style: .journal), level: .warning)
        log.info("hidden")
        log.debug("hidden")
        log.warning("shown")
        #expect(pipe.drain() == "<4>assetd.test: shown\n")
    }

    @Test func handlerMetadataEventMetadataAndProviderMerge() throws {
        let pipe = try LogPipe()
        let provider = Logger.MetadataProvider { ["request.id": "r1", "shared": "provider"] }
        var log = Logger(label: "m") {
            DaemonLogHandler(
                label: $0,
                output: LogOutput(fileDescriptor: pipe.writeEnd, style: .journal),
                metadataProvider: provider
            )
        }
        log[metadataKey: "component"] = "scheduler"
        log[metadataKey: "shared"] = "handler"
        log.info("x", metadata: ["shared": "event"])
        #expect(pipe.drain() == "<6>m: x component=scheduler request.id=r1 shared=event\n")
    }

    @Test func eachEventStaysOnOneLineAndOddValuesAreQuoted() throws {
        let pipe = try LogPipe()
        let log = logger(LogOutput(fileDescriptor: pipe.writeEnd, style: .journal))
        log.error(
            "line one\nline two\tend",
            metadata: [
                "msg": "say \"hi\" now", "empty": "", "eq": "a=b", "list": ["1", "2"], "map": ["k": "v"], "nl": "x\ny",
            ]
        )
        #expect(
            pipe.drain()
                == #"<3>assetd.test: line one\nline two\tend empty="" eq="a=b" list=[1,2] map={k:v} msg="say \"hi\" now" nl=x\ny"#
                + "\n"
        )
    }

    @Test func timestampFormatIsUTCWithMilliseconds() {
        #expect(
            LogLineFormatter.timestamp(timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789))
                == "2023-11-14T22:13:20.123Z"
        )
        #expect(LogLineFormatter.timestamp(timespec(tv_sec: 0, tv_nsec: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func journalIsDetectedOnlyWhenDeviceAndInodeMatch() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = try directory.write("stream", "")
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        var info = stat()
        #expect(fstat(fd, &info) == 0)
        let matching = "\(info.st_dev):\(info.st_ino)"
        #expect(LogOutput.isJournalStream(environment: ["JOURNAL_STREAM": matching], fileDescriptor: fd))
        #expect(
            !LogOutput.isJournalStream(
                environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino + 1)"],
                fileDescriptor: fd
            )
        )
        #expect(!LogOutput.isJournalStream(environment: [:], fileDescriptor: fd))
        #expect(!LogOutput.isJournalStream(environment: ["JOURNAL_STREAM": "garbage"], fileDescriptor: fd))
        #expect(LogOutput.parseJournalStream("8:12345")?.device == 8)
        #expect(LogOutput.parseJournalStream("8:12345")?.inode == 12345)
        #expect(LogOutput.parseJournalStream("8:") == nil)
        #expect(LogOutput.standardError(environment: [:]).style == .timestamped)
    }

    @Test func concurrentWritersNeverInterleaveLines() async throws {
        let pipe = try LogPipe()
        let output = LogOutput(fileDescriptor: pipe.writeEnd, style: .journal)
        let payload = String(repeating: "x", count: 200)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let log = Logger(label: "w\(worker)") { DaemonLogHandler(label: $0, output: output) }
                    for _ in 0..<20 { log.info("\(payload)") }
                }
            }
        }
        let lines = pipe.drain().split(separator: "\n")
        #expect(lines.count == 160)
        #expect(lines.allSatisfy { $0.hasPrefix("<6>w") && $0.hasSuffix(": " + payload) })
    }
}
