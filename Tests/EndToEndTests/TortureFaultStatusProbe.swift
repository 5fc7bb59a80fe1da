import AssetAPI
import Foundation
import Synchronization

/// Asks a daemon for `GET /v1/status` on its control socket, in process (no assetctl start-up in the measurement),
/// once or over and over on a thread of its own, and keeps the worst latency.
///
/// Plain blocking socket calls with send and receive timeouts: run on a dedicated `Thread`, never on the cooperative
/// pool. Thread-safe: the findings are behind a `Mutex`.
final class TortureFaultStatusProbe: Sendable {
    /// What the polling found.
    struct Findings: Sendable {
        var polls = 0
        var answered = 0
        var worstLatency: Duration = .zero
        var totalLatency: Duration = .zero
        /// Polls that got no complete `200` answer within the limit, with the reason.
        var failures: [String] = []
        var latest: StatusDocument?

        var meanLatency: Duration { answered > 0 ? totalLatency / answered : .zero }
    }

    let socket: String
    let limit: Duration
    private let findings = Mutex(Findings())
    private let isStopped = Atomic<Bool>(false)
    private let hasEnded = Atomic<Bool>(false)

    /// - Parameters:
    ///   - socket: the daemon's control socket.
    ///   - limit: the longest a status may take; a slower or missing answer is a failure.
    init(socket: String, limit: Duration = .seconds(5)) {
        self.socket = socket
        self.limit = limit
    }

    /// Starts polling every `interval` on a new thread until ``stop()``.
    func start(interval: Duration) {
        let thread = Thread { [self] in
            while !isStopped.load(ordering: .acquiring) {
                let began = ContinuousClock.now
                let result = Self.status(socket: socket, limit: limit)
                let latency = began.duration(to: .now)
                findings.withLock { findings in
                    findings.polls += 1
                    switch result {
                    case .success(let document) where latency <= limit:
                        findings.answered += 1
                        findings.totalLatency += latency
                        findings.worstLatency = max(findings.worstLatency, latency)
                        findings.latest = document
                    case .success:
                        findings.failures.append("status answered after \(latency), over the limit of \(limit)")
                    case .failure(let problem):
                        findings.failures.append("status after \(latency): \(problem.reason)")
                    }
                }
                let rest = interval - began.duration(to: .now)
                if rest > .zero {
                    Thread.sleep(
                        forTimeInterval: Double(rest.components.attoseconds) / 1e18 + Double(rest.components.seconds)
                    )
                }
            }
            hasEnded.store(true, ordering: .releasing)
        }
        thread.start()
    }

    /// Stops the polling thread, waits until it ended and returns what it found.
    func stop() async -> Findings {
        isStopped.store(true, ordering: .releasing)
        while !hasEnded.load(ordering: .acquiring) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return findings.withLock { $0 }
    }

    struct Problem: Error {
        var reason: String
    }

    /// One `GET /v1/status` over a fresh connection, blocking; fails when any step takes longer than `limit`.
    static func status(socket path: String, limit: Duration) -> Result<StatusDocument, Problem> {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failure(Problem(reason: "socket(): errno \(errno)")) }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: Int(limit.components.seconds), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return .failure(Problem(reason: "socket path too long: \(path)"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { return .failure(Problem(reason: "connect: errno \(errno)")) }
        let request = Array("GET /v1/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return .failure(Problem(reason: "send: errno \(errno)")) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else {
                return .failure(Problem(reason: "receive after \(response.count) bytes: errno \(errno)"))
            }
            response += buffer[0..<count]
        }
        return parse(response)
    }

    private static func parse(_ response: [UInt8]) -> Result<StatusDocument, Problem> {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = response.firstRange(of: separator) else {
            return .failure(Problem(reason: "no complete response head in \(response.count) bytes"))
        }
        let head = String(decoding: response[..<headEnd.lowerBound], as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 200") else {
            return .failure(Problem(reason: "answered \(head.prefix(while: { $0 != "\r" }))"))
        }
        var body = Array(response[headEnd.upperBound...])
        if head.lowercased().contains("transfer-encoding: chunked") {
            body = dechunked(body)
        }
        do {
            return .success(try APIJSON.decode(StatusDocument.self, from: Data(body)))
        } catch {
            return .failure(Problem(reason: "undecodable status: \(error)"))
        }
    }

    private static func dechunked(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        let lineEnd: [UInt8] = Array("\r\n".utf8)
        while let end = bytes[index...].firstRange(of: lineEnd) {
            let sizeText = String(decoding: bytes[index..<end.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16), size > 0 else { break }
            let start = end.upperBound
            guard start + size <= bytes.count else { break }
            out += bytes[start..<(start + size)]
            index = start + size + 2
            guard index < bytes.count else { break }
        }
        return out
    }
}
