import AssetAPI
import FoundationEssentials

/// One article named on the `enqueue` command line: a URL for the daemon to fetch, standard input, or a file.
package enum ArticleSource: Sendable, Equatable {
    case url(String)
    case standardInput
    case file(String)

    package init(_ argument: String) {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            self = .url(argument)
        } else if argument == "-" {
            self = .standardInput
        } else {
            self = .file(argument)
        }
    }

    /// The display name sent with a file's bytes: its last path component.
    package var name: String? {
        guard case .file(let path) = self else { return nil }
        let component = path.split(separator: "/").last.map(String.init)
        return component?.isEmpty == false ? component : nil
    }

    /// The `Content-Type` a file's bytes are sent with, guessed from its extension; the daemon sniffs the bytes
    /// anyway, but JSON must never be claimed (that would be read as a by-URL request).
    package var contentType: String {
        guard case .file(let path) = self, let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else {
            return "application/octet-stream"
        }
        switch path[path.index(after: dot)...].lowercased() {
        case "html", "htm", "xhtml", "shtml": return "text/html"
        case "txt", "text", "md": return "text/plain"
        default: return "application/octet-stream"
        }
    }
}
