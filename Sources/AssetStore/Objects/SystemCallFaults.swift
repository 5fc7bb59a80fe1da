import Synchronization

/// Makes chosen system calls of the object store fail with a chosen errno, for tests of EIO and ENOSPC at every
/// step of a commit (no device here can be made to fail on demand).
///
/// A fault applies to one call name (`open` for creating, `write`, `read`, `fchmod`, `fsync`, `close`, `link`, `unlink`, `rename`) on
/// paths under a prefix, so tests running in parallel in their own directories do not disturb each other. When no
/// fault is armed the check costs one atomic load.
package enum SystemCallFaults {
    private struct Fault {
        var call: String
        var pathPrefix: String
        var errno: Int32
        var remaining: Int
    }

    private static let faults = Mutex<[Fault]>([])
    private static let isArmed = Atomic<Bool>(false)

    /// Makes the next `count` calls named `call` on paths under `pathPrefix` fail with `errno`.
    /// - Parameters:
    ///   - call: The system call's name as it appears in `StoreError` messages.
    ///   - pathPrefix: Only paths starting with it are affected.
    ///   - errno: The error to report.
    ///   - count: How many calls fail before the fault disarms itself.
    package static func inject(_ call: String, under pathPrefix: String, errno: Int32, count: Int = 1) {
        faults.withLock { $0.append(Fault(call: call, pathPrefix: pathPrefix, errno: errno, remaining: count)) }
        isArmed.store(true, ordering: .releasing)
    }

    /// Removes every fault on paths under `pathPrefix`.
    /// - Parameter pathPrefix: The prefix given to `inject`.
    package static func clear(under pathPrefix: String) {
        faults.withLock { faults in
            faults.removeAll { $0.pathPrefix == pathPrefix }
            isArmed.store(!faults.isEmpty, ordering: .releasing)
        }
    }

    /// Throws the injected error when a fault matches this call.
    static func check(_ call: String, path: String) throws(StoreError) {
        guard isArmed.load(ordering: .acquiring) else { return }
        let errno = faults.withLock { faults -> Int32? in
            guard let index = faults.firstIndex(where: { $0.call == call && path.hasPrefix($0.pathPrefix) }) else {
                return nil
            }
            let value = faults[index].errno
            faults[index].remaining -= 1
            if faults[index].remaining <= 0 {
                faults.remove(at: index)
            }
            return value
        }
        if let errno {
            throw StoreError.systemCall(call, path: path, errno: errno)
        }
    }
}
