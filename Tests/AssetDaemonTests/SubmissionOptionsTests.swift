import AssetAPI
import AssetDaemon
import AssetParser
import Testing

struct SubmissionOptionsTests {
    @Test func requestOptionsOverrideTheConfiguration() throws {
        var configuration = DaemonConfiguration.defaults
        configuration.width = 300
        configuration.dpr = 2
        let request = ArticleSubmissionOptions(
            baseURL: "https://example.com/a/",
            width: 640,
            policy: "LARGEST",
            name: "n"
        )
        let options = try SubmissionOptions.resolve(request, configuration: configuration)
        #expect(options.selection.width == 640)
        #expect(options.selection.dpr == 2)
        #expect(options.selection.policy == .largest)
        #expect(options.baseURL == "https://example.com/a/")
        #expect(options.name == "n")
    }

    @Test func theConfigurationAppliesWhenTheRequestIsSilent() throws {
        let options = try SubmissionOptions.resolve(ArticleSubmissionOptions(), configuration: .defaults)
        #expect(options.selection == DaemonConfiguration.defaults.selectionOptions)
        #expect(options.baseURL == nil)
    }

    @Test func unknownPoliciesAndRelativeBasesAreRefused() {
        #expect(throws: APIErrorDocument.self) {
            try SubmissionOptions.resolve(ArticleSubmissionOptions(policy: "biggest"), configuration: .defaults)
        }
        #expect(throws: APIErrorDocument.self) {
            try SubmissionOptions.resolve(ArticleSubmissionOptions(baseURL: "/relative/"), configuration: .defaults)
        }
    }
}
