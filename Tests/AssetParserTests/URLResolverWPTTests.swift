import AssetParser
import Testing

/// The WPT URL vectors, kept apart from our own cases.
@Suite struct URLResolverWPTTests {
    @Test(arguments: WPTURLCases.againstBase)
    func wptResolvesAgainstAnHTTPBase(input: String, expected: String?) {
        let resolution = URLResolver.resolve(input, base: WPTURLCases.base)
        if let expected {
            #expect(resolution == .fetchable(expected))
        } else if case .unresolvable = resolution {
            // Failure, as expected.
        } else {
            Issue.record("\(input) should fail, got \(resolution)")
        }
    }

    @Test(arguments: WPTURLCases.otherSchemes)
    func wptOtherSchemesAreNotFetchable(input: String) {
        guard case .notFetchable = URLResolver.resolve(input, base: WPTURLCases.base) else {
            Issue.record("\(input) should not be fetchable")
            return
        }
    }

    @Test func wptDataURLKeepsItsFragment() {
        #expect(
            URLResolver.resolve("data:text/html,test#test", base: WPTURLCases.base)
                == .fetchable("data:text/html,test#test")
        )
    }
}
