import Glibc

/// Sends sd_notify messages to the service manager without libsystemd: one `AF_UNIX` datagram to
/// `$NOTIFY_SOCKET`, a path (`/run/systemd/notify`) or a Linux abstract address (`@name`, sent with the exact
/// address length). When `$NOTIFY_SOCKET` is unset, every send does nothing, as sd_notify(3) does.
///
/// A value type holding only the address; each send opens and closes its own socket, so it is safe from any thread.
/// Sends never block (`MSG_DONTWAIT`): when the manager's queue is full the message is dropped with an error
/// rather than stalling the caller's thread, which may be one of the few threads of the cooperative pool.
package struct SystemdNotifier: Sendable {
    /// `$NOTIFY_SOCKET` as given, or `nil` when unset or empty.
    package let address: String?

    /// Creates a notifier for the environment's `$NOTIFY_SOCKET`.
    /// - Parameter environment: the process environment.
    package init(environment: [String: String]) {
        address = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a service manager listens (`$NOTIFY_SOCKET` set).
    package var isEnabled: Bool { address != nil }

    /// Sends messages in one datagram.
    /// - Parameter messages: the messages, in order.
    /// - Throws: ``DaemonError`` `notifyFailed` when the address is unusable (relative, `vsock:`, too long) or the
    ///   send fails. The daemon sends through ``NotificationSender``, which logs the failure and goes on.
    package func notify(_ messages: NotifyMessage...) throws(DaemonError) {
        try send(NotifyMessage.payload(messages))
    }

    /// Sends a raw payload of newline-separated `KEY=VALUE` lines.
    /// - Parameter payload: the payload.
    /// - Throws: ``DaemonError`` `notifyFailed`, as for ``notify(_:)``.
    package func send(_ payload: String) throws(DaemonError) {
        guard let address else { return }
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        var name = Array(address.utf8)
        let isAbstract = name.first == UInt8(ascii: "@")
        guard isAbstract || name.first == UInt8(ascii: "/") else {
            throw DaemonError(
                .notifyFailed,
                "unsupported NOTIFY_SOCKET '\(address)': expected a path or @abstract name"
            )
        }
        if isAbstract { name[0] = 0 }
        // A path needs room for its terminating NUL; an abstract name is exactly its bytes.
        guard name.count + (isAbstract ? 0 : 1) <= capacity else {
            throw DaemonError(.notifyFailed, "NOTIFY_SOCKET '\(address)' is longer than a Unix socket address allows")
        }
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: name)
        }
        let length = socklen_t(pathOffset + name.count + (isAbstract ? 0 : 1))

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw DaemonError(.notifyFailed, "cannot create a notification socket: \(FileBytes.errnoText())")
        }
        defer { close(fd) }
        let bytes = Array(payload.utf8)
        let sent = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bytes.withUnsafeBytes { buffer in
                    sendto(
                        fd,
                        buffer.baseAddress,
                        buffer.count,
                        Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT),
                        address,
                        length
                    )
                }
            }
        }
        guard sent == bytes.count else {
            throw DaemonError(.notifyFailed, "cannot notify \(address): \(FileBytes.errnoText())")
        }
    }
}
