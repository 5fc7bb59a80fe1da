import CAssetCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The state of one running transfer: its job, easy handle, parsed head and the reason it was aborted, if any.
///
/// Safety: created, driven by libcurl's callbacks and finished on the engine thread only.
final class CurlTransfer {
    let job: FetchJob
    let easy: CurlEasy
    let policy: FetchPolicy
    private var headers: CurlStringList?
    private var parser = ResponseHeadParser()
    private(set) var isHeadDelivered = false
    private(set) var isNotModified = false
    private(set) var bodyByteCount: Int64 = 0
    /// Set when a callback aborted the transfer; takes precedence over libcurl's result code.
    private(set) var failure: FetchError?
    /// Addresses the open-socket callback refused.
    private(set) var refusedAddresses: [String] = []

    init(job: FetchJob, easy: CurlEasy, policy: FetchPolicy) {
        self.job = job
        self.easy = easy
        self.policy = policy
    }

    var head: ResponseHead { parser.head }

    /// Sets every option of the transfer on the (reset) easy handle.
    func configure(connectTo: CurlStringList?) throws(FetchError) {
        let request = job.request
        var extraHeaders: [String] = []
        if let etag = request.ifNoneMatch { extraHeaders.append("If-None-Match: \(etag)") }
        if let date = request.ifModifiedSince { extraHeaders.append("If-Modified-Since: \(date)") }
        if !extraHeaders.isEmpty {
            let list = try CurlStringList(extraHeaders)
            headers = list
            try easy.set(CURLOPT_HTTPHEADER, slist: list.list)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        try easy.set(CURLOPT_URL, string: request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, long: 1)
        try easy.set(CURLOPT_MAXREDIRS, long: policy.maxRedirects)
        try easy.set(CURLOPT_NOSIGNAL, long: 1)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, long: Self.milliseconds(policy.connectTimeout))
        try easy.set(CURLOPT_TIMEOUT_MS, long: Self.milliseconds(policy.timeout))
        if policy.lowSpeedLimit > 0 {
            try easy.set(CURLOPT_LOW_SPEED_LIMIT, long: policy.lowSpeedLimit)
            try easy.set(CURLOPT_LOW_SPEED_TIME, long: max(1, Int(policy.lowSpeedTime.components.seconds)))
        }
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, off: policy.maxObjectBytes)
        try easy.set(CURLOPT_USERAGENT, string: policy.userAgent)
        try easy.set(CURLOPT_PIPEWAIT, long: 1)
        // A hint, not a requirement: the curl tool's 100 KiB receive buffer (default 16 KiB) means fewer callbacks for
        // big bodies. libcurl 7.88 refuses it (CURLE_BAD_FUNCTION_ARGUMENT) once the handle has allocated its buffer,
        // as a pooled handle may have; the transfer then keeps the buffer it has, so the refusal is ignored.
        try? easy.set(CURLOPT_BUFFERSIZE, long: 100 * 1024)
        try easy.set(CURLOPT_HTTP_VERSION, long: CURL_HTTP_VERSION_2TLS)
        if let proxy = policy.proxy { try easy.set(CURLOPT_PROXY, string: proxy) }
        if let caFile = policy.caFile { try easy.set(CURLOPT_CAINFO, string: caFile) }
        if let connectTo { try easy.set(CURLOPT_CONNECT_TO, slist: connectTo.list) }
        try easy.set(CURLOPT_HEADERFUNCTION, writeFunction: curlTransferHeaderCallback)
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_WRITEFUNCTION, writeFunction: curlTransferWriteCallback)
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        if policy.proxy == nil {
            try easy.set(openSocketFunction: curlTransferOpenSocketCallback)
            try easy.set(CURLOPT_OPENSOCKETDATA, pointer: context)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    // MARK: Callbacks (engine thread, inside curl_multi_perform)

    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        parser.consume(line: line)
    }

    /// Returns false to abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if !isHeadDelivered {
            guard deliverHead() else { return false }
        }
        if isNotModified { return true }
        bodyByteCount += Int64(bytes.count)
        guard policy.admits(streamedByteCount: bodyByteCount) else {
            failure = FetchError(
                .tooBig,
                "body of \(job.request.url) exceeds the limit of \(policy.maxObjectBytes) bytes",
                httpStatus: head.status
            )
            return false
        }
        do {
            try job.sink.write(bytes)
        } catch {
            failure = FetchError(.sinkFailed, "sink failed for \(job.request.url): \(error)", underlying: error)
            return false
        }
        return true
    }

    /// Judges the final head and hands it to the sink; returns false (with `failure` set) to abort.
    func deliverHead() -> Bool {
        isHeadDelivered = true
        switch policy.evaluate(head: head, isConditional: job.request.isConditional) {
        case .accept:
            do {
                try job.sink.begin(head: head)
            } catch {
                failure = FetchError(.sinkFailed, "sink failed for \(job.request.url): \(error)", underlying: error)
                return false
            }
            return true
        case .notModified:
            isNotModified = true
            return true
        case .reject(let code, let reason):
            failure = FetchError(
                code,
                "\(reason) from \(job.request.url)",
                httpStatus: head.status,
                retryAfter: head.retryAfter
            )
            return false
        }
    }

    /// Decides whether a resolved address may be connected to; records refusals.
    func permitsConnection(to address: IPAddress) -> Bool {
        if policy.exemptAddresses.contains(address)
            || AddressPolicy.permits(address, allowPrivateNetworks: policy.allowPrivateNetworks)
        {
            return true
        }
        refusedAddresses.append("\(address) (\(AddressPolicy.classify(address).rawValue))")
        return false
    }
}

private func transfer(_ context: UnsafeMutableRawPointer?) -> CurlTransfer? {
    context.map { Unmanaged<CurlTransfer>.fromOpaque($0).takeUnretainedValue() }
}

private let curlTransferHeaderCallback: curl_write_callback = { data, size, count, context in
    guard let data, let transfer = transfer(context) else { return 0 }
    transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

private let curlTransferWriteCallback: curl_write_callback = { data, size, count, context in
    guard let data, let transfer = transfer(context) else { return 0 }
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private let curlTransferOpenSocketCallback: curl_opensocket_callback = { context, _, address in
    guard let address, let transfer = transfer(context) else { return assetcurl_socket_bad() }
    let family = address.pointee.family
    let raw = UnsafeMutableRawPointer(address) + (MemoryLayout<curl_sockaddr>.offset(of: \.addr) ?? 0)
    let ipAddress: IPAddress?
    switch family {
    case AF_INET:
        let inet = raw.assumingMemoryBound(to: sockaddr_in.self).pointee
        ipAddress = .v4(UInt32(bigEndian: inet.sin_addr.s_addr))
    case AF_INET6:
        var inet6 = raw.assumingMemoryBound(to: sockaddr_in6.self).pointee.sin6_addr
        ipAddress = IPAddress(ipv6Bytes: withUnsafeBytes(of: &inet6) { Array($0) })
    default:
        ipAddress = nil
    }
    if let ipAddress, !transfer.permitsConnection(to: ipAddress) { return assetcurl_socket_bad() }
    return socket(family, address.pointee.socktype | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
}
