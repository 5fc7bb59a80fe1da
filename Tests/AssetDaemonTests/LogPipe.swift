import Foundation

/// A pipe whose write end feeds a ``LogOutput``; the read end collects what was written.
final class LogPipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw CocoaError(.fileWriteUnknown) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Everything written so far (the writer must be done).
    func drain() -> String {
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recvOrRead(readEnd, $0) }
            guard count > 0 else { break }
            collected += buffer[0..<count]
        }
        return String(decoding: collected, as: UTF8.self)
    }

    private func recvOrRead(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, 0) > 0 else { return 0 }
        return read(fd, buffer.baseAddress, buffer.count)
    }
}
