import CAssetCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// HTTP/1.1 over a Unix domain socket through libcurl (`CURLOPT_UNIX_SOCKET_PATH`): the CLI's way to the daemon.
///
/// Each request runs `curl_easy_perform` on a thread of its own, so the cooperative pool never blocks. Any HTTP
/// status is a response; errors are transport failures. Thread-safe.
package struct UnixSocketClient: Sendable {
    /// The socket path.
    package let socketPath: String
    /// Limit for connecting to the socket.
    package let connectTimeout: Duration

    package init(socketPath: String, connectTimeout: Duration = .seconds(5)) {
        self.socketPath = socketPath
        self.connectTimeout = connectTimeout
    }

    /// Sends a request and reads the whole response.
    /// - Throws: `FetchError`: `connect` when nothing listens (`osErrno` ENOENT or ECONNREFUSED) or access is
    ///   denied (`osErrno` EACCES), `timeout`, `connectionReset`, `cancelled`, `setupFailed`.
    package func send(_ request: UnixSocketRequest) async throws(FetchError) -> UnixSocketResponse {
        let stream = try await stream(request)
        var body: [UInt8] = []
        do {
            for try await chunk in stream { body += chunk }
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError(.cancelled, "request \(request.target) ended: \(error)", underlying: error)
        }
        return UnixSocketResponse(head: stream.head, headerLines: stream.headerLines, body: body)
    }

    /// Sends a request and returns as soon as the response head has arrived; the body follows through the stream.
    /// - Throws: like `send(_:)`, for failures before the head.
    package func stream(_ request: UnixSocketRequest) async throws(FetchError) -> UnixSocketStream {
        let call = UnixSocketCall(request: request, socketPath: socketPath, connectTimeout: connectTimeout)
        let result: Result<UnixSocketStream, FetchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                call.onHead = { continuation.resume(returning: $0) }
                call.start()
            }
        } onCancel: {
            call.channel.cancel()
        }
        return try result.get()
    }
}

/// One request on its own thread.
///
/// Safety: `onHead` is set before `start()` and then used only by the request's thread; the header state is
/// touched only by that thread; `channel` is thread-safe.
final class UnixSocketCall: @unchecked Sendable {
    let request: UnixSocketRequest
    let socketPath: String
    let connectTimeout: Duration
    let channel = ChunkChannel(capacity: 16)
    var onHead: ((Result<UnixSocketStream, FetchError>) -> Void)?
    private var parser = ResponseHeadParser()
    private let uploadReader: UnixSocketUploadReader?
    private var headerLines: [String] = []

    init(request: UnixSocketRequest, socketPath: String, connectTimeout: Duration) {
        self.request = request
        self.socketPath = socketPath
        self.connectTimeout = connectTimeout
        uploadReader = request.upload.map(UnixSocketUploadReader.init)
    }

    private var url: String { "unix:\(socketPath) \(request.target)" }

    func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread,
            nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<UnixSocketCall>.fromOpaque(argument).takeRetainedValue().perform()
                return nil
            },
            context
        )
        if status == 0 {
            pthread_detach(thread)
        } else {
            Unmanaged<UnixSocketCall>.fromOpaque(context).release()
            deliverHead(.failure(FetchError(.setupFailed, "cannot start a request thread (error \(status))")))
        }
    }

    private func deliverHead(_ result: Result<UnixSocketStream, FetchError>) {
        guard let onHead else { return }
        self.onHead = nil
        onHead(result)
    }

    private func perform() {
        let outcome: Result<Void, FetchError>
        do {
            let easy = try CurlEasy()
            try easy.reset()
            let chunked = request.upload != nil && request.upload?.length == nil
            let headers = try CurlStringList(
                request.headers + ["Expect:"] + (chunked ? ["Transfer-Encoding: chunked"] : [])
            )
            try configure(easy, headers: headers)
            let result = curl_easy_perform(easy.handle)
            if result == CURLE_OK {
                outcome = .success(())
            } else if let failure = uploadReader?.failure {
                outcome = .failure(
                    FetchError(
                        .setupFailed,
                        "cannot read the body of \(url): \(failure)",
                        underlying: failure,
                        osErrno: failure.osErrno
                    )
                )
            } else if channel.isCancelled {
                outcome = .failure(FetchError(.cancelled, "request cancelled: \(url)"))
            } else {
                let errno = easy.long(CURLINFO_OS_ERRNO).flatMap { $0 == 0 ? nil : Int32($0) }
                var message = easy.errorMessage(for: result)
                if let errno { message += " (\(String(cString: strerror(errno))))" }
                outcome = .failure(
                    CurlResultMapping.error(
                        for: result,
                        url: url,
                        message: message,
                        refusedAddresses: [],
                        osErrno: errno
                    )
                )
            }
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success:
            headComplete()
        case .failure(let error):
            deliverHead(.failure(error))
        }
        channel.finish(outcome)
    }

    private func configure(_ easy: CurlEasy, headers: CurlStringList) throws(FetchError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_UNIX_SOCKET_PATH, string: socketPath)
        try easy.set(CURLOPT_URL, string: "http://localhost" + request.target)
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "http")
        try easy.set(CURLOPT_NOSIGNAL, long: 1)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, long: Int(connectTimeout.components.seconds * 1000) + 1)
        if let timeout = request.timeout {
            try easy.set(CURLOPT_TIMEOUT_MS, long: Int(timeout.components.seconds * 1000) + 1)
        }
        try easy.set(CURLOPT_HTTPHEADER, slist: headers.list)
        let method = request.method.uppercased()
        if method == "HEAD" {
            try easy.set(CURLOPT_NOBODY, long: 1)
        } else if method != "GET" || request.body != nil || request.upload != nil {
            try easy.set(CURLOPT_CUSTOMREQUEST, string: method)
        }
        if let body = request.body, body.isEmpty {
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, off: 0)
            try easy.set(CURLOPT_COPYPOSTFIELDS, string: "")
        } else if let body = request.body {
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, off: Int64(body.count))
            // COPYPOSTFIELDS copies the bytes, so the buffer need not outlive this call.
            let copied: Result<Void, FetchError> = body.withUnsafeBytes { bytes in
                Result { () throws(FetchError) in
                    try easy.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                }
            }
            try copied.get()
        } else if let upload = request.upload {
            try easy.set(CURLOPT_POST, long: 1)
            try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, off: upload.length ?? -1)
            let status = assetcurl_easy_setopt_read_function(easy.handle, unixSocketReadCallback)
            guard status == CURLE_OK else {
                throw FetchError(
                    .setupFailed,
                    "libcurl refused CURLOPT_READFUNCTION: \(easy.errorMessage(for: status))"
                )
            }
            try easy.set(CURLOPT_READDATA, pointer: context)
        }
        try easy.set(CURLOPT_HEADERFUNCTION, writeFunction: unixSocketHeaderCallback)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_WRITEFUNCTION, writeFunction: unixSocketWriteCallback)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_NOPROGRESS, long: 0)
        try easy.set(xferInfoFunction: unixSocketProgressCallback)
        try easy.set(CURLOPT_XFERINFODATA, pointer: context)
    }

    // MARK: Callbacks (request thread)

    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        parser.consume(line: line)
        if parser.head.status >= 100 && parser.head.status < 200 {
            headerLines = []
            return
        }
        let text = String(decoding: line, as: UTF8.self).trimmingHTTPWhitespace()
        if parser.isComplete {
            headComplete()
        } else if !text.isEmpty && !text.hasPrefix("HTTP/") {
            headerLines.append(text)
        }
    }

    private func headComplete() {
        // Each stream value owns the channel and cancels it when dropped: build one only for delivery.
        guard onHead != nil else { return }
        deliverHead(.success(UnixSocketStream(head: parser.head, headerLines: headerLines, channel: channel)))
    }

    /// Fills libcurl's upload buffer; nil aborts the transfer (the reader keeps the failure).
    func sendBody(_ buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard !channel.isCancelled, let uploadReader else { return nil }
        return uploadReader.fill(buffer)
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        headComplete()
        return channel.send(Array(bytes))
    }
}

private func call(_ context: UnsafeMutableRawPointer?) -> UnixSocketCall? {
    context.map { Unmanaged<UnixSocketCall>.fromOpaque($0).takeUnretainedValue() }
}

private let unixSocketHeaderCallback: curl_write_callback = { data, size, count, context in
    guard let data, let call = call(context) else { return 0 }
    call.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private let unixSocketWriteCallback: curl_write_callback = { data, size, count, context in
    guard let data, let call = call(context) else { return 0 }
    return call.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private let unixSocketReadCallback: curl_read_callback = { data, size, count, context in
    guard let data, let call = call(context) else { return Int(CURL_READFUNC_ABORT) }
    let buffer = UnsafeMutableRawBufferPointer(start: data, count: size * count)
    return call.sendBody(buffer) ?? Int(CURL_READFUNC_ABORT)
}

private let unixSocketProgressCallback: curl_xferinfo_callback = { context, _, _, _, _ in
    guard let call = call(context) else { return 1 }
    return call.channel.isCancelled ? 1 : 0
}
