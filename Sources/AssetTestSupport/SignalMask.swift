import Glibc

/// Runs `body` with SIGPIPE blocked on this thread, then discards a SIGPIPE it raised: writing to a pipe whose
/// reader has gone then fails with EPIPE instead of killing the test process.
package func withSIGPIPEBlocked<Result>(_ body: () throws -> Result) rethrows -> Result {
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
    defer {
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1 {
            var now = timespec()
            sigtimedwait(&pipeSignal, nil, &now)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
    return try body()
}
