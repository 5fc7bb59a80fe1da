import Foundation

/// What the `curl` command-line tool received for one URL.
package struct CurlResponse: Sendable {
    /// curl's exit code: 0 success, 18 partial transfer, 52 empty reply, 56 receive failure (reset), 28 timeout…
    package var exitCode: Int32
    /// The status of the last response (0 when none arrived).
    package var status: Int
    /// The HTTP version curl used for the last response: `1.1`, `2`, … (`0` when none).
    package var httpVersion: String
    /// The header fields of the last response (after redirects when `-L` was given).
    package var headers: [HeaderField]
    /// The body bytes received (possibly short, for truncated transfers).
    package var body: [UInt8]
    /// curl's error message (standard error), empty on success.
    package var errorText: String

    /// The value of the first header called `name` (case-insensitive), or `nil`.
    ///
    /// - Parameter name: the field name in any case.
    package func header(_ name: String) -> String? {
        headers.first(named: name)
    }
}

/// Runs `/usr/bin/curl` as an independent HTTP client for tests of the test servers themselves.
package enum Curl {
    /// Fetches `url` with curl and returns what it got.
    ///
    /// - Parameters:
    ///   - url: the URL (tests use loopback only).
    ///   - arguments: extra curl arguments placed before the URL, e.g. `["-L"]`, `["--http2", "--cacert", ca]`,
    ///     `["-H", "If-None-Match: \"x\""]`, `["--unix-socket", path]`.
    ///   - timeout: `--max-time` for curl, in whole seconds (at least 1).
    /// - Returns: the response as curl saw it; a failed transfer is a result with a non-zero `exitCode`, not an
    ///   error.
    /// - Throws: `TestSupportError` when curl is missing or its output files cannot be handled.
    package static func fetch(
        _ url: String,
        _ arguments: [String] = [],
        timeout: Duration = .seconds(30)
    ) async throws -> CurlResponse {
        let scratch = try TemporaryDirectory(prefix: "assetd-curl-")
        defer { scratch.remove() }
        let bodyPath = scratch.appending("body")
        let headerPath = scratch.appending("headers")
        let seconds = max(1, timeout.components.seconds)
        let result = try await ProcessRunner.run(
            "curl",
            ["-sS", "-o", bodyPath, "-D", headerPath, "-w", "%{http_code} %{http_version}", "--max-time", "\(seconds)"]
                + arguments + [url],
            timeout: timeout + .seconds(5)
        )
        let written = result.outputText.split(separator: " ")
        let headerText = FileManager.default.contents(atPath: headerPath).map { String(decoding: $0, as: UTF8.self) }
        return CurlResponse(
            exitCode: result.exitCode,
            status: written.first.flatMap { Int($0) } ?? 0,
            httpVersion: written.count > 1 ? String(written[1]) : "0",
            headers: lastHeaderBlock(headerText ?? ""),
            body: FileManager.default.contents(atPath: bodyPath).map { [UInt8]($0) } ?? [],
            errorText: result.standardError
        )
    }

    /// Parses the last response head in a `-D` dump (which holds one block per response when redirects are
    /// followed).
    private static func lastHeaderBlock(_ dump: String) -> [HeaderField] {
        var fields: [HeaderField] = []
        // "\r\n" is one Character in Swift, so split on both forms.
        for line in dump.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            if line.hasPrefix("HTTP/") {
                fields = []
            } else if let colon = line.firstIndex(of: ":") {
                let value = line[line.index(after: colon)...].drop { $0 == " " }
                fields.append(HeaderField(name: String(line[..<colon]), value: String(value)))
            }
        }
        return fields
    }
}
