package import ArgumentParser
import AssetAPI
package import AssetParser
import FoundationEssentials

/// `assetctl parse`: what the daemon would see in an article and pick, offline and without a daemon.
package struct ParseCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show the responsive images of an article and the variant that would be fetched.",
        discussion: """
            Reads an HTML or plain-text article from FILE (or standard input for -) and prints one row per image: \
            the line, the number of candidates, the chosen variant and its URL. No daemon is needed. Exits 0 even \
            when no image is found, 1 when the file cannot be read, 2 on bad flags.
            """
    )

    @Option(name: .customLong("base-url"), help: "Resolve relative URLs against this http(s) URL.")
    package var baseURL: String?

    @Option(help: "CSS px the image will be shown at (overrides the sizes attribute).")
    package var width: Double?

    @Option(help: "Device pixel ratio.")
    package var dpr: Double = 1

    @Option(help: "Viewport width in CSS px, for vw lengths and media conditions.")
    package var viewport: Double = 1280

    @Option(help: "fit, largest, smallest or all.", transform: ParseCommand.policy(named:))
    package var policy: SelectionPolicy = .fit

    @Flag(help: "Print the JSON document of DESIGN.md §5 instead of a table.")
    package var json = false

    @Argument(help: "The article file, or - for standard input.")
    package var file: String

    package init() {}

    package func validate() throws {
        if let baseURL, !ParseCommand.isHTTPURL(baseURL) {
            throw ValidationError("--base-url must be an absolute http or https URL, not '\(baseURL)'.")
        }
        if let width, !(width > 0 && width.isFinite) {
            throw ValidationError("--width must be a positive number of CSS px.")
        }
        guard dpr > 0, dpr.isFinite else {
            throw ValidationError("--dpr must be a positive number.")
        }
        guard viewport > 0, viewport.isFinite else {
            throw ValidationError("--viewport must be a positive number of CSS px.")
        }
    }

    package func run() async throws {
        let bytes = try ArticleInput.readAll(file)
        let result = ArticleParser(baseURL: baseURL).parse(bytes)
        let options = SelectionOptions(width: width, dpr: dpr, viewport: viewport, policy: policy)
        let report = ParseReport(result, options: options)
        if json {
            print(try ParseRendering.json(report))
        } else {
            print(ParseRendering.table(report, encoding: result.encoding), terminator: "")
            for diagnostic in report.diagnostics {
                CLIOutput.standardError("line \(diagnostic.line): \(diagnostic.message)")
            }
        }
    }

    private static func policy(named name: String) throws -> SelectionPolicy {
        guard let policy = SelectionPolicy(rawValue: name) else {
            let names = SelectionPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown policy '\(name)'; use one of \(names)")
        }
        return policy
    }

    private static func isHTTPURL(_ value: String) -> Bool {
        guard case .fetchable(let url) = URLResolver.resolve(value, base: nil) else {
            return false
        }
        return url.hasPrefix("http://") || url.hasPrefix("https://")
    }
}
