import AssetAPI
package import AssetFetch
import FoundationEssentials

/// The CLI's side of the control API: requests over the daemon's Unix socket, answers decoded, failures mapped to
/// the one-line messages and exit statuses of DESIGN.md §5.
package struct ControlClient: Sendable {
    /// A decoded API document together with the bytes it came from (for `--json`, which prints them unchanged).
    package struct Reply<Document: Sendable>: Sendable {
        package var document: Document
        package var body: [UInt8]
        /// The response's header lines (`Name: value`).
        package var headerLines: [String] = []

        /// The value of the first header called `name` (case-insensitive).
        package func header(_ name: String) -> String? {
            UnixSocketResponse(head: ResponseHead(), headerLines: headerLines, body: []).header(name)
        }
    }

    /// The socket this client talks to.
    package let socketPath: String
    private let transport: UnixSocketClient

    package init(socketPath: String) {
        self.socketPath = socketPath
        transport = UnixSocketClient(socketPath: socketPath)
    }

    /// `GET`s a JSON document.
    /// - Throws: `CLIFailure`: exit 3 when the daemon cannot be reached, the API error's status otherwise.
    package func get<Document: Decodable & Sendable>(
        _ target: String,
        as type: Document.Type
    ) async throws(CLIFailure) -> Reply<Document> {
        try await exchange(UnixSocketRequest(method: "GET", target: target), as: type)
    }

    /// `POST`s a body and reads a JSON document back.
    /// - Parameter timeout: limit for the whole exchange; nil for none (verify and gc can take long).
    /// - Throws: like ``get(_:as:)``.
    package func post<Document: Decodable & Sendable>(
        _ target: String,
        body: [UInt8],
        contentType: String,
        timeout: Duration? = .seconds(300),
        as type: Document.Type
    ) async throws(CLIFailure) -> Reply<Document> {
        let request = UnixSocketRequest(
            method: "POST",
            target: target,
            headers: ["Content-Type: \(contentType)", "Accept: application/json"],
            body: body,
            timeout: timeout
        )
        return try await exchange(request, as: type)
    }

    /// `POST`s a body streamed from a descriptor (a file with its length, a pipe chunked), in bounded memory.
    /// - Parameter sourceName: how a read failure names the input ("standard input", the path).
    /// - Throws: like ``get(_:as:)``; a failure to read the input is exit status 1 naming `sourceName`.
    package func post<Document: Decodable & Sendable>(
        _ target: String,
        upload: UnixSocketUpload,
        sourceName: String,
        contentType: String,
        timeout: Duration? = .seconds(300),
        as type: Document.Type
    ) async throws(CLIFailure) -> Reply<Document> {
        let request = UnixSocketRequest(
            method: "POST",
            target: target,
            headers: ["Content-Type: \(contentType)", "Accept: application/json"],
            upload: upload,
            timeout: timeout
        )
        return try await exchange(request, sourceName: sourceName, as: type)
    }

    /// `POST`s an encodable value as JSON.
    /// - Throws: like ``get(_:as:)``.
    package func post<Document: Decodable & Sendable>(
        _ target: String,
        json value: some Encodable,
        timeout: Duration? = .seconds(300),
        as type: Document.Type
    ) async throws(CLIFailure) -> Reply<Document> {
        let body: [UInt8]
        do {
            body = Array(try APIJSON.encode(value))
        } catch {
            throw CLIFailure(message: "cannot encode the request: \(error)", exitCode: CLIExitStatus.failed)
        }
        return try await post(target, body: body, contentType: "application/json", timeout: timeout, as: type)
    }

    /// Opens a response whose body is read as it arrives (object bytes, server-sent events); only 2xx answers are
    /// returned, anything else is read whole and thrown as its API error.
    /// - Throws: like ``get(_:as:)``.
    package func open(_ target: String, accept: String) async throws(CLIFailure) -> UnixSocketStream {
        let request = UnixSocketRequest(method: "GET", target: target, headers: ["Accept: \(accept)"], timeout: nil)
        let stream: UnixSocketStream
        do {
            stream = try await transport.stream(request)
        } catch {
            throw ClientFailures.transport(error, socketPath: socketPath)
        }
        if stream.head.isSuccess {
            return stream
        }
        var body: [UInt8] = []
        do {
            for try await chunk in stream { body += chunk }
        } catch {
            // The status alone still says what went wrong.
        }
        throw ClientFailures.api(status: stream.head.status, body: body)
    }

    private func exchange<Document: Decodable & Sendable>(
        _ request: UnixSocketRequest,
        sourceName: String? = nil,
        as type: Document.Type
    ) async throws(CLIFailure) -> Reply<Document> {
        let response: UnixSocketResponse
        do {
            response = try await transport.send(request)
        } catch {
            if let sourceName, let reason = error.underlying as? UnixSocketUploadError {
                throw CLIFailure(message: "cannot read \(sourceName): \(reason)", exitCode: CLIExitStatus.failed)
            }
            throw ClientFailures.transport(error, socketPath: socketPath)
        }
        guard response.head.isSuccess else {
            throw ClientFailures.api(status: response.head.status, body: response.body)
        }
        do {
            let document = try APIJSON.decode(type, from: Data(response.body))
            return Reply(document: document, body: response.body, headerLines: response.headerLines)
        } catch {
            throw ClientFailures.undecodable(request.target, error: error)
        }
    }
}
