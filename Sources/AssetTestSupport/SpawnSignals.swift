package import Glibc

/// What every child of a test starts with, whatever the test process has blocked or ignored (the test runner's
/// threads block signals; SIGPIPE may be ignored): an empty signal mask and the default action for each standard
/// signal.
package enum SpawnSignals {
    /// Sets the empty mask and the default actions on `attributes`; the caller adds `POSIX_SPAWN_SETSIGMASK` and
    /// `POSIX_SPAWN_SETSIGDEF` to its flags.
    /// - Parameter attributes: initialized spawn attributes.
    package static func reset(_ attributes: inout posix_spawnattr_t) {
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var standardSignals = sigset_t()
        sigemptyset(&standardSignals)
        for number: Int32 in 1..<32 where number != SIGKILL && number != SIGSTOP {
            sigaddset(&standardSignals, number)
        }
        posix_spawnattr_setsigdefault(&attributes, &standardSignals)
    }
}
