import Glibc
import Synchronization

/// An exclusive, non-blocking `flock` on `<state-dir>/assetd.lock`, held for the daemon's life so that a second
/// daemon cannot open the same index (and then replace the first one's socket).
///
/// The holder writes its PID into the file so that a refused daemon can name it. The lock belongs to the open file
/// description: it ends when ``release()`` is called, when the object is deinitialized, or when the process exits.
/// The file itself is left in place (unlinking it would let two daemons lock two different files).
/// Thread-safe: ``release()`` may be called from any thread.
package final class StateDirectoryLock: Sendable {
    /// The lock file's path.
    package let path: String
    private let descriptor: Mutex<Int32?>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        release()
    }

    /// Takes the lock, creating the file (mode 0644) when needed, and records `pid` in it.
    /// - Parameters:
    ///   - path: the lock file's path (its directory must exist).
    ///   - pid: the PID to record; the current process by default.
    /// - Returns: the held lock.
    /// - Throws: ``DaemonError`` `stateDirectoryLocked` (naming the path and the recorded PID) when another open
    ///   file description holds it; `lockFailed` when the file cannot be opened or locked.
    package static func acquire(path: String, pid: Int32 = getpid()) throws(DaemonError) -> StateDirectoryLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DaemonError(.lockFailed, "cannot open lock file \(path): \(FileBytes.errnoText())")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let holder = recordedPID(fd: fd)
            close(fd)
            if reason == EAGAIN {  // EWOULDBLOCK on Linux
                let who = holder.map { "assetd (pid \($0))" } ?? "another assetd"
                throw DaemonError(
                    .stateDirectoryLocked,
                    "\(who) already uses this state directory: \(path) is locked; stop it or choose another --state-dir"
                )
            }
            throw DaemonError(.lockFailed, "cannot lock \(path): \(String(cString: strerror(reason)))")
        }
        let record = Array("\(pid)\n".utf8)
        let written = record.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard ftruncate(fd, off_t(record.count)) == 0, written == record.count else {
            let message = "cannot record the pid in \(path): \(FileBytes.errnoText())"
            close(fd)
            throw DaemonError(.lockFailed, message)
        }
        return StateDirectoryLock(path: path, descriptor: fd)
    }

    /// Releases the lock; later calls do nothing.
    package func release() {
        descriptor.withLock { fd in
            if let open = fd {
                close(open)
                fd = nil
            }
        }
    }

    /// Whether the lock is still held by this object.
    package var isHeld: Bool {
        descriptor.withLock { $0 != nil }
    }

    /// The PID recorded in the file, if it holds one.
    private static func recordedPID(fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        return Int32(text.split(whereSeparator: \.isWhitespace).first ?? "")
    }
}
