import AssetFetch
import AssetTestSupport
import Crypto
import Dispatch
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Bodies streamed through the control-socket client in both directions, against a plain POSIX peer that sees
/// the raw bytes: response streams dropped early, and request bodies read from file descriptors.
@Suite(.timeLimit(.minutes(1)))
struct UnixSocketStreamingTests {
    @Test
    func droppingAStreamEarlyClosesTheConnectionWithoutCrashing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.appending("p.sock")
        let peer = try RawPeer(path: path) { connection in
            _ = connection.readHead()
            guard
                connection.write(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                )
            else { return .closedAfter(0) }
            // Keeps sending until the client goes away, far more than the client's buffer holds.
            let chunk = "10000\r\n" + String(repeating: "x", count: 0x10000) + "\r\n"
            var sent = 0
            while sent < 1 << 30 {
                guard connection.write(chunk) else { return .closedAfter(sent) }
                sent += 0x10000
            }
            return .neverClosed
        }
        let client = UnixSocketClient(socketPath: path)
        do {
            let stream = try await client.stream(UnixSocketRequest(target: "/v1/events", timeout: nil))
            #expect(stream.head.status == 200)
            var iterator = stream.makeAsyncIterator()
            let first = try await iterator.next()
            #expect(first?.isEmpty == false)
            // Let the transfer fill the hand-over buffer, so the producer is blocked when the stream goes.
            try await Task.sleep(for: .milliseconds(300))
        }
        let outcome = try await peer.outcome()
        guard case .closedAfter(let sent) = outcome else {
            Issue.record("the peer never saw the connection close: \(outcome)")
            return
        }
        #expect(sent > 0)
    }

    /// A peer that reads one request with its body (by length or chunked) and answers 200.
    private func receivingPeer(at path: String) throws -> RawPeer {
        try RawPeer(path: path) { connection in
            let head = connection.readHead()
            var body: [UInt8] = []
            if let length = Self.field("content-length", in: head).flatMap({ Int($0) }) {
                body = connection.read(count: length)
            } else if Self.field("transfer-encoding", in: head)?.lowercased() == "chunked" {
                while let sizeLine = connection.readLine(), let size = Int(sizeLine, radix: 16) {
                    if size == 0 {
                        _ = connection.readHead()
                        break
                    }
                    body += connection.read(count: size)
                    _ = connection.readLine()
                }
            }
            guard connection.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") else {
                return .closedAfter(0)
            }
            return .received(head: head, body: body)
        }
    }

    /// The value of header `name` in a raw request head, without leading spaces.
    private static func field(_ name: String, in head: [String]) -> String? {
        head.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }.map {
            String($0.dropFirst(name.count + 1).drop { $0 == " " })
        }
    }

    @Test
    func uploadsARegularFileWithItsLength() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let size = 5 * 1024 * 1024 + 123
        let file = try directory.write("article.html", bytes: TestContent.bytes(count: size, seed: 21))
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let upload = UnixSocketUpload.reading(descriptor)
        #expect(upload.length == Int64(size))
        let path = directory.appending("p.sock")
        let peer = try receivingPeer(at: path)
        let response = try await UnixSocketClient(socketPath: path).send(
            UnixSocketRequest(method: "POST", target: "/v1/articles", upload: upload)
        )
        #expect(response.head.status == 200)
        guard case .received(let head, let body) = try await peer.outcome() else {
            Issue.record("the peer received no request")
            return
        }
        #expect(head.first == "POST /v1/articles HTTP/1.1")
        #expect(Self.field("Content-Length", in: head) == "\(size)")
        #expect(Self.field("Transfer-Encoding", in: head) == nil)
        #expect(TestContent.hexString(SHA256.hash(data: body)) == TestContent.sha256Hex(count: size, seed: 21))
    }

    @Test
    func uploadsAPipeChunked() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }
        let size = 3 * 1024 * 1024 + 7
        DispatchQueue.global().async {
            // Writes in uneven pieces, as a producer on the other end of a shell pipe would.
            withSIGPIPEBlocked {
                var offset = 0
                while offset < size {
                    let piece = TestContent.bytes(count: min(40_000, size - offset), seed: 5, offset: offset)
                    let written = piece.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                    guard written == piece.count else { break }
                    offset += written
                }
            }
            close(writeEnd)
        }
        let upload = UnixSocketUpload.reading(readEnd)
        #expect(upload.length == nil)
        let path = directory.appending("p.sock")
        let peer = try receivingPeer(at: path)
        let response = try await UnixSocketClient(socketPath: path).send(
            UnixSocketRequest(method: "POST", target: "/v1/articles", upload: upload)
        )
        #expect(response.head.status == 200)
        guard case .received(let head, let body) = try await peer.outcome() else {
            Issue.record("the peer received no request")
            return
        }
        #expect(Self.field("Transfer-Encoding", in: head)?.lowercased() == "chunked")
        #expect(Self.field("Content-Length", in: head) == nil)
        #expect(body.count == size)
        #expect(TestContent.hexString(SHA256.hash(data: body)) == TestContent.sha256Hex(count: size, seed: 5))
    }

    @Test
    func anUnreadableUploadFailsNamingTheReason() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let descriptor = open(directory.appending(""), O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let path = directory.appending("p.sock")
        let peer = try receivingPeer(at: path)
        let client = UnixSocketClient(socketPath: path)
        let request = UnixSocketRequest(method: "POST", target: "/v1/articles", upload: .reading(descriptor))
        let result: Result<UnixSocketResponse, FetchError>
        do {
            result = .success(try await client.send(request))
        } catch {
            result = .failure(error)
        }
        let seen = try await peer.outcome()
        switch result {
        case .success(let response):
            Issue.record("reading a directory must fail the request, got HTTP \(response.head.status); peer: \(seen)")
        case .failure(let error):
            let underlying = try #require(error.underlying as? UnixSocketUploadError)
            #expect(underlying.code == .readFailed)
            #expect(error.osErrno == EISDIR)
            #expect(error.message.contains("Is a directory"))
        }
    }
}

/// A one-connection HTTP peer on a Unix socket, served by blocking POSIX calls on a dispatch thread.
final class RawPeer: Sendable {
    enum Outcome: Sendable, Equatable {
        /// The client closed the connection; `Int` counts what was written before.
        case closedAfter(Int)
        case neverClosed
        case received(head: [String], body: [UInt8])
        case failed(String)
    }

    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)
    private let result = OutcomeBox()

    final class OutcomeBox: Sendable {
        let value = Mutex<Outcome?>(nil)
    }

    init(path: String, serve: @escaping @Sendable (RawConnection) -> Outcome) throws {
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.listener = listener
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard listener >= 0, bound == 0, listen(listener, 4) == 0 else {
            throw TestSupportError(.bindFailed, "raw peer cannot listen on \(path): errno \(errno)")
        }
        DispatchQueue.global().async { [result, done] in
            let descriptor = accept(listener, nil, nil)
            let outcome: Outcome
            if descriptor < 0 {
                outcome = .failed("accept: errno \(errno)")
            } else {
                var timeout = timeval(tv_sec: 20, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                outcome = serve(RawConnection(descriptor: descriptor))
                close(descriptor)
            }
            result.value.withLock { $0 = outcome }
            done.signal()
        }
    }

    deinit {
        close(listener)
    }

    /// Waits (off the cooperative pool) for the connection's outcome.
    func outcome() async throws -> Outcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [done] in
                done.wait()
                continuation.resume()
            }
        }
        return result.value.withLock { $0 } ?? .failed("no outcome")
    }
}

/// One accepted connection of a `RawPeer`: buffered reads of lines and counted bytes, and writes that report a
/// closed peer instead of raising SIGPIPE.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads more bytes into the buffer; false at the end of the stream or on an error.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    /// One line without its CRLF, or nil when the connection ends first.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<newline].filter { $0 != UInt8(ascii: "\r") }
                buffer.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            guard fill() else { return nil }
        }
    }

    /// The request line and header lines, up to the empty line.
    func readHead() -> [String] {
        var lines: [String] = []
        while let line = readLine(), !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Exactly `count` bytes, or fewer when the connection ends first.
    func read(count: Int) -> [UInt8] {
        while buffer.count < count, fill() {}
        let taken = Array(buffer.prefix(count))
        buffer.removeFirst(taken.count)
        return taken
    }

    /// Writes every byte; false once the client has gone (EPIPE, ECONNRESET) or the write timed out.
    func write(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            bytes = bytes.dropFirst(written)
        }
        return true
    }
}
