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

    @Test func defaultsAreValidOnTheirOwn() {
        let (configuration, problems) = DaemonConfiguration.validate([:])
        #expect(problems.isEmpty)
        #expect(configuration == .defaults)
    }
}
