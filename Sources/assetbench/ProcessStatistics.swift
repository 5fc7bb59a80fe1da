import Foundation

/// CPU time and memory of processes, read from `/proc` and `getrusage`, for `assetbench e2e`.
///
/// Every figure is a sample: callers take one before and one after the measured step and subtract.
enum ProcessStatistics {
    /// User plus system CPU seconds `pid` has used so far (`utime` + `stime` of `/proc/<pid>/stat`, in clock ticks
    /// of `sysconf(_SC_CLK_TCK)`), or `nil` when the process is gone.
    static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let endOfName = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime.
        let fields = stat[stat.index(after: endOfName)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / max(1, ticks)
    }

    /// User plus system CPU seconds of every child process this process has reaped so far (`RUSAGE_CHILDREN`).
    ///
    /// The difference across a step is the CPU of the children started and reaped during it.
    static func reapedChildrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 else { return 0 }
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return user + system
    }

    /// A field of `/proc/<pid>/status` given in kB (`VmHWM`, `VmRSS`), in bytes, or `nil` when it cannot be read.
    ///
    /// - Parameters:
    ///   - field: the field name without the colon.
    ///   - pid: the process.
    static func statusBytes(_ field: String, pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kilobytes = Int(parts[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// The size in bytes of a file, 0 when it does not exist.
    static func fileBytes(_ path: String) -> Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }
}
