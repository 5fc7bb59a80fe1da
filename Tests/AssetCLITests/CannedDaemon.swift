import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A stand-in for assetd in the CLI's own tests: an HTTP/1.1 server on a Unix socket answering from a closure, so
/// the tests can check what `assetctl` sends and how it renders canned API documents. Not the daemon: the
/// end-to-end tests run the real one. One thread per connection, `Connection: close` after each response.
final class CannedDaemon: Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [String]
        var body: [UInt8]

        /// The path without the query.
        var path: String { String(target.split(separator: "?", maxSplits: 1).first ?? "") }

        func header(_ name: String) -> String? {
            for line in headers {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    /// How to answer: a whole body, or a streamed one written by a closure (server-sent events).
    enum Reply: Sendable {
        case body(status: Int, contentType: String, bytes: [UInt8], headers: [String] = [])
        case stream(contentType: String, writer: @Sendable (StreamWriter) -> Void)

        static func json(_ text: String, status: Int = 200) -> Reply {
            .body(status: status, contentType: "application/json", bytes: Array(text.utf8))
        }

        static func error(_ code: String, _ message: String, status: Int) -> Reply {
            .json(#"{"error":{"code":"\#(code)","message":"\#(message)"}}"#, status: status)
        }
    }

    /// Writes a streamed body; `write` returns false once the client has gone.
    struct StreamWriter: Sendable {
        let descriptor: Int32

        @discardableResult
        func write(_ text: String) -> Bool {
            CannedDaemon.writeAll(descriptor, Array(text.utf8))
        }
    }

    let socketPath: String
    private let listener: Int32
    private let handler: @Sendable (Request) -> Reply
    private let received = Mutex<[Request]>([])
    private let isStopped = Mutex(false)

    /// Listens on `socketPath` (replacing a stale file) and serves until ``stop()``.
    init(socketPath: String, handler: @escaping @Sendable (Request) -> Reply) throws {
        self.socketPath = socketPath
        self.handler = handler
        unlink(socketPath)
        listener = try Self.listen(on: socketPath)
        let server = self
        Thread.detachNewThread { server.acceptLoop() }
    }

    /// Every request received so far.
    var requests: [Request] { received.withLock { $0 } }

    /// Stops accepting connections and removes the socket file; later calls do nothing (closing the descriptor
    /// twice could close another test's socket that reused its number).
    func stop() {
        let isFirst = isStopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard isFirst else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        unlink(socketPath)
    }

    private func acceptLoop() {
        while !isStopped.withLock({ $0 }) {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let server = self
            Thread.detachNewThread { server.serve(connection) }
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = Self.readRequest(connection) else { return }
        received.withLock { $0.append(request) }
        switch handler(request) {
        case .body(let status, let contentType, let bytes, let headers):
            let extra = headers.map { $0 + "\r\n" }.joined()
            let head =
                "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\n"
                + "Content-Length: \(bytes.count)\r\n\(extra)Connection: close\r\n\r\n"
            _ = Self.writeAll(connection, Array(head.utf8) + bytes)
        case .stream(let contentType, let writer):
            let head =
                "HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nCache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n"
            guard Self.writeAll(connection, Array(head.utf8)) else { return }
            writer(StreamWriter(descriptor: connection))
        }
    }

    private static func readRequest(_ connection: Int32) -> Request? {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let terminator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
            if buffer.count >= 4 {
                headEnd = (0...(buffer.count - 4)).first { Array(buffer[$0..<$0 + 4]) == terminator }
            }
        }
        guard let headEnd else { return nil }
        let lines = String(decoding: buffer[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var request = Request(
            method: String(requestLine[0]),
            target: String(requestLine[1]),
            headers: Array(lines.dropFirst()),
            body: Array(buffer[(headEnd + 4)...])
        )
        if request.header("Transfer-Encoding")?.lowercased() == "chunked" {
            guard let body = readChunked(connection, buffered: request.body) else { return nil }
            request.body = body
            return request
        }
        let length = request.header("Content-Length").flatMap(Int.init) ?? 0
        while request.body.count < length {
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            request.body += chunk[0..<count]
        }
        return request
    }

    /// Decodes a chunked request body (RFC 9112 §7.1; extensions and trailers skipped), starting with the bytes
    /// already read after the head.
    private static func readChunked(_ connection: Int32, buffered: [UInt8]) -> [UInt8]? {
        var buffer = buffered[...]
        var body: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        func more() -> Bool {
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
        func line() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let text = String(decoding: buffer[..<end].filter { $0 != 13 }, as: UTF8.self)
                    buffer = buffer[(end + 1)...]
                    return text
                }
                guard more() else { return nil }
            }
        }
        while true {
            guard let sizeLine = line(),
                let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16)
            else { return nil }
            if size == 0 {
                while let trailer = line(), !trailer.isEmpty {}
                return body
            }
            while buffer.count < size + 2 {
                guard more() else { return nil }
            }
            body += buffer.prefix(size)
            buffer = buffer.dropFirst(size + 2)
        }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                send(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    private static func listen(on path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw POSIXError(.ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0, Glibc.listen(descriptor, 64) == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        return descriptor
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 409: "Conflict"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}
