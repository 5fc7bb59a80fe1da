import AssetDaemon
import Foundation
import Testing

@Suite struct ConfigFileTests {
    let shippedFile = packageRoot + "/Config/assetd.json"

    @Test func shippedFileDecodesToTheBuiltInDefaults() async throws {
        let loaded = try await ConfigurationLoader.load(
            arguments: ["--config", shippedFile],
            environment: ["HOME": "/home/tester"],
            workingDirectory: "/",
            defaultFilePath: "/nonexistent/assetd.json"
        )
        #expect(loaded.file == shippedFile)
        #expect(loaded.configuration == DaemonConfiguration.defaults)
    }

    @Test func shippedFileListsEveryKeyExactlyOnce() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: shippedFile))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(DaemonConfiguration.Key.allCases.map(\.rawValue)))
        let text = String(decoding: data, as: UTF8.self)
        for key in DaemonConfiguration.Key.allCases {
            #expect(text.components(separatedBy: "\"\(key.rawValue)\":").count == 2, "\(key.rawValue)")
        }
    }

    @Test func shippedFileIsExactlyTheRenderingOfTheDefaults() throws {
        let text = try String(contentsOfFile: shippedFile, encoding: .utf8)
        #expect(DaemonConfiguration.defaults.fileRepresentation() == text)
    }

    @Test func renderedSettingsReadBackUnchanged() async throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        var settings = DaemonConfiguration.defaults
        settings.socket = "/tmp/a \"quoted\".sock"
        settings.maxCacheBytes = 1_500_000_000
        settings.timeout = .milliseconds(15500)
        settings.acceptTypes = ["image/webp", "image/*"]
        settings.userAgent = #"bot\1 "quoted""#
        settings.proxy = "http://user:secret@127.0.0.1:3128"
        settings.connectTo = [ConnectToRule(host: "a", port: 443, connectHost: "127.0.0.1", connectPort: 8443)]
        settings.width = 333.5
        settings.dpr = 2
        settings.allowPrivateNetworks = true
        let rendered = settings.fileRepresentation(redactingSecrets: false)
        let file = try directory.write("settings.json", rendered)
        let loaded = try await ConfigurationLoader.load(
            arguments: ["--config", file],
            environment: ["HOME": "/home/tester"],
            workingDirectory: "/"
        )
        #expect(loaded.configuration == settings)
        #expect(rendered.contains(#""max-cache-bytes": 1500000000,"#))
        #expect(rendered.contains(#""timeout": "15500ms","#))
        #expect(settings.fileRepresentation().contains(#""proxy": "http://user:***@127.0.0.1:3128","#))
        #expect(!settings.fileRepresentation().contains("secret"))
    }

    @Test func defaultsAreValidOnTheirOwn() {
        let (configuration, problems) = DaemonConfiguration.validate([:])
        #expect(problems.isEmpty)
        #expect(configuration == .defaults)
    }
}
