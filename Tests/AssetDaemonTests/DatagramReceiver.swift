import Glibc

/// A Unix datagram socket bound to a path or an abstract name, standing in for systemd's notification socket.
final class DatagramReceiver {
    let fd: Int32
    /// The `$NOTIFY_SOCKET` value that reaches this socket.
    let notifyAddress: String

    /// Binds to `path`, or to the abstract `name` when `abstract` is true (with the exact address length).
    init(address: String, abstract: Bool) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if abstract { bytes.insert(0, at: 0) }
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard descriptor >= 0, result == 0 else {
            let reason = errno
            close(descriptor)
            throw ReceiverError(errno: reason)
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = descriptor
        notifyAddress = abstract ? "@" + address : address
    }

    deinit { close(fd) }

    /// The next datagram's text, or `nil` after the 5 s timeout.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        return count >= 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    /// The next datagram's text if one is waiting, without blocking.
    func receiveNow() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        return count >= 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    /// Whether a datagram is waiting (without blocking).
    func hasPending() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1)
        return buffer.withUnsafeMutableBytes {
            recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT) | Int32(MSG_PEEK))
        } >= 0
    }

    struct ReceiverError: Error {
        var errno: Int32
    }
}
