#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A request body read from a file descriptor while it is sent, so it never sits in memory whole.
///
/// With a known `length` the body goes out with a `Content-Length` and exactly that many bytes are read; without
/// one (a pipe) it goes out with `Transfer-Encoding: chunked` until the descriptor's end. libcurl reads it into
/// its own upload buffer (64 KiB), so memory stays bounded whatever the size. The descriptor is not owned: keep it
/// open until the request has ended, then close it yourself.
package struct UnixSocketUpload: Sendable, Equatable {
    /// Where the bytes come from; read from its current offset.
    package var descriptor: Int32
    /// The number of bytes to send, or nil to send chunked until the end of the descriptor.
    package var length: Int64?

    package init(descriptor: Int32, length: Int64?) {
        self.descriptor = descriptor
        self.length = length
    }

    /// An upload of what remains in `descriptor`: the length comes from `fstat` for a regular file (minus the
    /// current offset); anything else (pipe, terminal, socket) is sent chunked.
    package static func reading(_ descriptor: Int32) -> UnixSocketUpload {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return UnixSocketUpload(descriptor: descriptor, length: nil)
        }
        let offset = lseek(descriptor, 0, SEEK_CUR)
        return UnixSocketUpload(descriptor: descriptor, length: max(0, Int64(status.st_size) - max(0, Int64(offset))))
    }
}

/// Why an upload's source failed; the `underlying` error of the `FetchError` that ends such a request.
package struct UnixSocketUploadError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Code: String, Sendable {
        /// `read` failed; `osErrno` says why.
        case readFailed
        /// The descriptor ended before the announced length (the file shrank while it was sent).
        case endedEarly
    }

    package var code: Code
    package var osErrno: Int32?

    package init(_ code: Code, osErrno: Int32? = nil) {
        self.code = code
        self.osErrno = osErrno
    }

    package var description: String {
        switch code {
        case .readFailed: osErrno.map { String(cString: strerror($0)) } ?? "read failed"
        case .endedEarly: "the input ended before its announced length"
        }
    }
}

/// The reading side of an upload on the request thread: fills libcurl's buffer, counts down a known length, and
/// keeps the first failure. Used by one thread only.
final class UnixSocketUploadReader {
    private let descriptor: Int32
    private var remaining: Int64?
    private(set) var failure: UnixSocketUploadError?

    init(_ upload: UnixSocketUpload) {
        descriptor = upload.descriptor
        remaining = upload.length
    }

    /// Fills `buffer`; returns the byte count, 0 at the end, or nil after a failure (abort the transfer).
    func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var capacity = buffer.count
        if let remaining {
            guard remaining > 0 else { return 0 }
            capacity = Int(min(Int64(capacity), remaining))
        }
        while true {
            let count = read(descriptor, buffer.baseAddress, capacity)
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                failure = UnixSocketUploadError(.readFailed, osErrno: errno)
                return nil
            }
            if count == 0 && remaining != nil {
                failure = UnixSocketUploadError(.endedEarly)
                return nil
            }
            remaining = remaining.map { $0 - Int64(count) }
            return count
        }
    }
}
