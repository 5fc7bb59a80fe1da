import AssetAPI
import AssetTestSupport
import Crypto
import Foundation
import Testing

/// The seed article through the real daemon and CLI: its https image host is sent by `connect-to` to a local nginx
/// with a CA made at test time, so the real host is never contacted.
@Suite("end to end: the seed article", .timeLimit(.minutes(2)))
struct SeedArticleTests {
    static let host = "s3-minsk.becloud.by"

    static var seedArticle: String {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent(
            "shared/corpus/seed/000_b10a193bbb14a3d1.txt"
        ).path
    }

    static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test("both images are cached at 1280w with the served bytes; status, ls, show, path and cat agree")
    func seedArticle() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        // What the article offers, as assetctl parse reads it: serve every variant with distinct bytes.
        let parsed = try await ProcessRunner.run(
            try Binaries.path("assetctl"),
            ["parse", "--json", "--width", "1280", Self.seedArticle]
        )
        try #require(parsed.exitCode == 0, "\(parsed.standardError)")
        let report = try JSONDecoder().decode(ParseReport.self, from: Data(parsed.standardOutput))
        try #require(report.images.count == 2)
        var files: [String: GeneratedFile] = [:]
        let prefix = "https://\(Self.host)/"
        for (index, candidate) in report.images.flatMap({ $0.sources.flatMap(\.candidates) }).enumerated() {
            try #require(candidate.url.hasPrefix(prefix))
            let path = String(candidate.url.dropFirst(prefix.count))
            files[candidate.url] = try GeneratedFiles.write(
                "www/" + path,
                byteCount: 40_000 + index * 1_111,
                seed: UInt64(100 + index),
                under: scratch.path
            )
        }
        let selected = report.images.flatMap(\.selected)
        #expect(selected.map(\.w) == [1280, 1280])

        let tls = try await TLSMaterial.make(dnsNames: [Self.host], in: scratch.path)
        let nginx = try await NginxServer.start(root: scratch.appending("www"), tls: tls)
        let connectTo = try #require(nginx.connectToEntry(host: Self.host))
        #expect(connectTo.contains(":127.0.0.1:"))
        let setup = try DaemonSetup(extra: [
            "ca-file": DaemonSetup.quoted(tls.caPath),
            "connect-to": "[\(DaemonSetup.quoted(connectTo))]",
        ])
        defer { setup.scratch.remove() }
        var daemon: DaemonProcess?
        do {
            let running = try await DaemonProcess.start(setup)
            daemon = running
            let socket = setup.socket

            let enqueue = try await Binaries.assetctl(
                ["enqueue", "--wait", "--width", "1280", Self.seedArticle],
                socket: socket
            )
            #expect(enqueue.exitCode == 0, "\(enqueue.standardError)\n\(running.log)")
            let lines = enqueue.outputText.split(separator: "\n").map(String.init)
            let articleID = try #require(lines.first.flatMap { Int64($0) }, "\(enqueue.outputText)")
            #expect(lines.contains { $0.hasPrefix("2 assets: 2 cached (") && $0.contains(", 0 failed in ") })

            let status = try await Binaries.json(StatusDocument.self, ["status"], socket: socket)
            #expect(status.assets.cached == 2 && status.assets.failed == 0 && status.assets.queued == 0)
            #expect(status.articles == 1)

            let list = try await Binaries.json(
                AssetListDocument.self,
                ["ls", "--article", String(articleID)],
                socket: socket
            )
            #expect(Set(list.assets.map(\.url)) == Set(selected.map(\.url)))
            for asset in list.assets {
                let file = try #require(files[asset.url])
                #expect(asset.state == .cached)
                #expect(asset.sha256 == file.sha256Hex)
                #expect(asset.byteCount == Int64(file.byteCount))
            }
            // --json is the daemon's own document, byte for byte, as curl gets it.
            let direct = try await ProcessRunner.run(
                "curl",
                ["-sS", "--unix-socket", socket, "http://localhost/v1/assets?article=\(articleID)"]
            )
            let passed = try await Binaries.assetctl(["ls", "--json", "--article", String(articleID)], socket: socket)
            #expect(direct.exitCode == 0 && !direct.standardOutput.isEmpty)
            #expect(passed.standardOutput == direct.standardOutput + (direct.standardOutput.last == 10 ? [] : [10]))
            let table = try await Binaries.assetctl(["ls"], socket: socket)
            #expect(table.exitCode == 0)
            #expect(table.outputText.split(separator: "\n").count == 3)

            let shown = try await Binaries.assetctl(["show", String(articleID)], socket: socket)
            #expect(shown.exitCode == 0)
            #expect(shown.outputText.contains("2: 2 cached"))

            for url in selected.map(\.url) {
                let file = try #require(files[url])
                let show = try await Binaries.json(AssetListDocument.self, ["show", url], socket: socket)
                #expect(show.assets.map(\.sha256) == [file.sha256Hex])
                let byDigest = try await Binaries.assetctl(["show", String(file.sha256Hex.prefix(12))], socket: socket)
                #expect(byDigest.exitCode == 0 && byDigest.outputText.contains(url))

                let path = try await Binaries.assetctl(["path", url], socket: socket)
                #expect(path.exitCode == 0, "\(path.standardError)")
                let cachedPath = path.outputText.trimmingCharacters(in: .newlines)
                #expect(cachedPath.hasSuffix(file.sha256Hex))
                let onDisk = try Data(contentsOf: URL(fileURLWithPath: cachedPath))
                #expect(Self.sha256(onDisk) == file.sha256Hex)

                let cat = try await Binaries.assetctl(["cat", url], socket: socket)
                #expect(cat.exitCode == 0, "\(cat.standardError)")
                #expect(cat.standardOutput.count == file.byteCount)
                #expect(Self.sha256(cat.standardOutput) == file.sha256Hex)
            }
            let notThere = try await Binaries.assetctl(["path", "https://\(Self.host)/none.jpg"], socket: socket)
            #expect(notThere.exitCode == 1)
            let verify = try await Binaries.assetctl(["verify"], socket: socket)
            #expect(verify.exitCode == 0, "\(verify.outputText)\(verify.standardError)")
            #expect(await running.stop() == 0, "\(running.log)")
        } catch {
            await daemon?.stop(signal: SIGKILL)
            try? await nginx.stop()
            throw error
        }
        try await nginx.stop()
    }
}
