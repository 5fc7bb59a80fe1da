#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX calls the object store makes; each failure becomes a `StoreError` naming the call,
/// the path and errno. Blocking: they run on the caller's thread.
enum FileSystem {
    /// Opens a new file that must not exist yet (`O_CREAT | O_EXCL`).
    /// - Returns: The descriptor, or nil when the path exists already.
    static func createExclusive(_ path: String, mode: mode_t) throws(StoreError) -> Int32? {
        try SystemCallFaults.check("open", path: path)
        while true {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 {
                return descriptor
            }
            let error = errno
            if error == EINTR { continue }
            if error == EEXIST { return nil }
            throw StoreError.systemCall("open", path: path, errno: error)
        }
    }

    /// Opens a file for reading.
    static func openForReading(_ path: String) throws(StoreError) -> Int32 {
        while true {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                return descriptor
            }
            let error = errno
            if error == EINTR { continue }
            throw StoreError.systemCall("open", path: path, errno: error)
        }
    }

    /// Writes every byte of a buffer, retrying short writes and EINTR.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws(StoreError) {
        try SystemCallFaults.check("write", path: path)
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let written = write(descriptor, base, remaining)
            if written < 0 {
                let error = errno
                if error == EINTR { continue }
                throw StoreError.systemCall("write", path: path, errno: error)
            }
            if written == 0 {
                throw StoreError.systemCall("write", path: path, errno: ENOSPC)
            }
            remaining -= written
            base += written
        }
    }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the file.
    static func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String)
        throws(StoreError)
        -> Int
    {
        try SystemCallFaults.check("read", path: path)
        guard let base = buffer.baseAddress else { return 0 }
        while true {
            let count = read(descriptor, base, buffer.count)
            if count >= 0 {
                return count
            }
            let error = errno
            if error == EINTR { continue }
            throw StoreError.systemCall("read", path: path, errno: error)
        }
    }

    /// Flushes a file's data and metadata to the device.
    static func sync(_ descriptor: Int32, path: String) throws(StoreError) {
        try SystemCallFaults.check("fsync", path: path)
        if fsync(descriptor) != 0 {
            throw StoreError.systemCall("fsync", path: path, errno: errno)
        }
    }

    /// Changes an open file's mode.
    static func changeMode(_ descriptor: Int32, _ mode: mode_t, path: String) throws(StoreError) {
        try SystemCallFaults.check("fchmod", path: path)
        if fchmod(descriptor, mode) != 0 {
            throw StoreError.systemCall("fchmod", path: path, errno: errno)
        }
    }

    /// Closes a descriptor; a failing close of a written file is reported (NFS and full disks report late).
    static func close(_ descriptor: Int32, path: String) throws(StoreError) {
        let error = Glibc.close(descriptor) == 0 ? 0 : errno
        try SystemCallFaults.check("close", path: path)
        if error != 0 {
            if error != EINTR {
                throw StoreError.systemCall("close", path: path, errno: error)
            }
        }
    }

    /// Flushes a directory's entries (a new or renamed name) to the device.
    static func syncDirectory(_ path: String) throws(StoreError) {
        try SystemCallFaults.check("fsync", path: path)
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 {
            throw StoreError.systemCall("open", path: path, errno: errno)
        }
        defer { _ = Glibc.close(descriptor) }
        if fsync(descriptor) != 0 {
            throw StoreError.systemCall("fsync", path: path, errno: errno)
        }
    }

    /// The result of publishing a file under a new name without replacing an existing one.
    enum LinkResult {
        case created
        case existed
    }

    /// Gives `source` the name `target` unless `target` exists; `source` keeps its name.
    static func linkNoReplace(_ source: String, _ target: String) throws(StoreError) -> LinkResult {
        try SystemCallFaults.check("link", path: target)
        if link(source, target) == 0 {
            return .created
        }
        let error = errno
        if error == EEXIST {
            return .existed
        }
        throw StoreError.systemCall("link", path: target, errno: error)
    }

    /// Removes a file; a missing file is not an error.
    static func removeFile(_ path: String) throws(StoreError) {
        try SystemCallFaults.check("unlink", path: path)
        if unlink(path) != 0 {
            let error = errno
            if error != ENOENT {
                throw StoreError.systemCall("unlink", path: path, errno: error)
            }
        }
    }

    /// Renames a file, replacing the target.
    static func move(_ source: String, to target: String) throws(StoreError) {
        try SystemCallFaults.check("rename", path: source)
        if rename(source, target) != 0 {
            throw StoreError.systemCall("rename", path: "\(source) -> \(target)", errno: errno)
        }
    }

    /// Creates a directory unless it exists.
    /// - Returns: Whether the directory was created now.
    @discardableResult
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(StoreError) -> Bool {
        if mkdir(path, mode) == 0 {
            return true
        }
        let error = errno
        if error == EEXIST {
            return false
        }
        throw StoreError.systemCall("mkdir", path: path, errno: error)
    }

    /// Size in bytes and last modification time (seconds since 1970) of a file.
    struct FileStatus: Sendable, Equatable {
        var byteCount: Int64
        var modified: Int64
        var isRegularFile: Bool
    }

    /// Reads a path's size and modification time without following a final symbolic link.
    /// - Returns: nil when the path does not exist.
    static func status(_ path: String) throws(StoreError) -> FileStatus? {
        var info = stat()
        if lstat(path, &info) != 0 {
            let error = errno
            if error == ENOENT { return nil }
            throw StoreError.systemCall("lstat", path: path, errno: error)
        }
        return FileStatus(
            byteCount: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec),
            isRegularFile: (info.st_mode & S_IFMT) == S_IFREG
        )
    }

    /// The names in a directory, without `.` and `..`.
    /// - Returns: nil when the directory does not exist.
    static func listDirectory(_ path: String) throws(StoreError) -> [String]? {
        guard let directory = opendir(path) else {
            let error = errno
            if error == ENOENT { return nil }
            throw StoreError.systemCall("opendir", path: path, errno: error)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." {
                names.append(name)
            }
        }
        return names
    }
}
