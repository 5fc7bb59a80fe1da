import CAssetCurl
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The engine thread: owns the `CURLM`, the per-origin queues, the running transfers and the pool of easy handles.
///
/// Safety: everything except `wakeUp()`, `start()` and `join()` runs on the engine thread. `curl_multi_wakeup` is
/// documented as callable from any thread; `thread` is guarded by its mutex.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let mailbox: EngineMailbox
    private let configuration: FetchEngine.Configuration
    private let connectTo: CurlStringList?
    private let logger: Logger
    private let thread = Mutex<pthread_t?>(nil)
    private let isJoined = Atomic<Bool>(false)

    // Engine thread only.
    private var queues: [URLOrigin: FIFO<FetchJob>] = [:]
    private var hostOrder = FIFO<URLOrigin>()
    private var runningPerHost: [URLOrigin: Int] = [:]
    private var queued: [UInt64: FetchJob] = [:]
    private var running: [UInt64: CurlTransfer] = [:]
    private var runningByHandle: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var pool: [CurlEasy] = []

    static var curlVersion: String { CurlGlobal.version }

    init(configuration: FetchEngine.Configuration, mailbox: EngineMailbox, logger: Logger) throws(FetchError) {
        CurlGlobal.initialise()
        guard let multi = curl_multi_init() else { throw FetchError(.setupFailed, "curl_multi_init failed") }
        self.multi = multi
        self.mailbox = mailbox
        self.configuration = configuration
        self.logger = logger
        let entries = configuration.policy.connectTo
        do {
            connectTo = entries.isEmpty ? nil : try CurlStringList(entries)
        } catch {
            curl_multi_cleanup(multi)
            throw error
        }
        // Idle connections kept for reuse: enough for every transfer slot.
        _ = assetcurl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.concurrency * 2)
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    func start() throws(FetchError) {
        let body = Unmanaged.passRetained(self).toOpaque()
        var handle = pthread_t()
        let status = pthread_create(
            &handle,
            nil,
            { argument in
                guard let argument else { return nil }
                let loop = Unmanaged<CurlMultiLoop>.fromOpaque(argument).takeRetainedValue()
                loop.run()
                return nil
            },
            body
        )
        guard status == 0 else {
            Unmanaged<CurlMultiLoop>.fromOpaque(body).release()
            throw FetchError(.setupFailed, "cannot start the engine thread (error \(status))")
        }
        thread.withLock { $0 = handle }
    }

    func wakeUp() {
        _ = curl_multi_wakeup(multi)
    }

    /// Waits for the engine thread to end (after `EngineMailbox.shutDown()`); idempotent.
    func join() {
        guard let handle = thread.withLock({ $0 }), !isJoined.exchange(true, ordering: .acquiringAndReleasing) else {
            return
        }
        if pthread_equal(handle, pthread_self()) != 0 {
            pthread_detach(handle)
        } else {
            pthread_join(handle, nil)
        }
    }

    // MARK: Engine thread

    private func run() {
        var stillRunning: Int32 = 0
        var fileDescriptors: Int32 = 0
        while true {
            let delivery = mailbox.takeDelivery()
            if delivery.isShuttingDown {
                drainOnShutdown(newJobs: delivery.jobs)
                return
            }
            for job in delivery.jobs { accept(job) }
            for id in delivery.cancellations { cancel(id: id) }
            startQueued()
            _ = curl_multi_perform(multi, &stillRunning)
            var finishedAny = false
            var handle: UnsafeMutableRawPointer?
            var result = CURLE_OK
            while assetcurl_multi_next_done(multi, &handle, &result) == 1 {
                if let handle { complete(handle: handle, result: result) }
                finishedAny = true
            }
            if finishedAny && !queued.isEmpty && running.count < configuration.concurrency { continue }
            _ = curl_multi_poll(multi, nil, 0, 1000, &fileDescriptors)
        }
    }

    private func accept(_ job: FetchJob) {
        if job.isCancelled {
            finish(job, .failure(FetchError(.cancelled, "cancelled: \(job.request.url)")))
            return
        }
        queued[job.id] = job
        if queues[job.origin, default: FIFO()].isEmpty { hostOrder.append(job.origin) }
        queues[job.origin, default: FIFO()].append(job)
    }

    /// Starts queued jobs, visiting origins round-robin, until the total limit is reached or no origin can start one.
    private func startQueued() {
        var startedInPass = true
        while startedInPass && running.count < configuration.concurrency && !hostOrder.isEmpty {
            startedInPass = false
            for _ in 0..<hostOrder.count {
                guard running.count < configuration.concurrency, let origin = hostOrder.popFirst() else { break }
                if runningPerHost[origin, default: 0] < configuration.perHost, let job = nextLiveJob(of: origin) {
                    start(job)
                    startedInPass = true
                }
                if queues[origin]?.isEmpty == false {
                    hostOrder.append(origin)
                } else {
                    queues[origin] = nil
                }
            }
        }
    }

    private func nextLiveJob(of origin: URLOrigin) -> FetchJob? {
        while let job = queues[origin]?.popFirst() {
            if !job.isFinished { return job }
        }
        return nil
    }

    private func start(_ job: FetchJob) {
        queued[job.id] = nil
        let easy: CurlEasy
        do {
            if let pooled = pool.popLast() { easy = pooled } else { easy = try CurlEasy() }
            try easy.reset()
        } catch {
            finish(job, .failure(error))
            return
        }
        let transfer = CurlTransfer(job: job, easy: easy, policy: configuration.policy)
        do {
            try transfer.configure(connectTo: connectTo)
        } catch {
            recycle(easy)
            finish(job, .failure(error))
            return
        }
        let added = curl_multi_add_handle(multi, easy.handle)
        guard added == CURLM_OK else {
            recycle(easy)
            let reason = String(cString: curl_multi_strerror(added))
            finish(job, .failure(FetchError(.setupFailed, "curl_multi_add_handle failed: \(reason)")))
            return
        }
        running[job.id] = transfer
        runningByHandle[easy.handle] = transfer
        runningPerHost[job.origin, default: 0] += 1
    }

    private func complete(handle: UnsafeMutableRawPointer, result: CURLcode) {
        guard let transfer = detach(handle: handle) else { return }
        let outcome = makeResult(of: transfer, result: result)
        recycle(transfer.easy)
        finish(transfer.job, outcome)
    }

    private func detach(handle: UnsafeMutableRawPointer) -> CurlTransfer? {
        guard let transfer = runningByHandle.removeValue(forKey: handle) else { return nil }
        _ = curl_multi_remove_handle(multi, handle)
        running[transfer.job.id] = nil
        let origin = transfer.job.origin
        let count = runningPerHost[origin, default: 1] - 1
        runningPerHost[origin] = count > 0 ? count : nil
        return transfer
    }

    private func makeResult(of transfer: CurlTransfer, result: CURLcode) -> Result<FetchResponse, FetchError> {
        if let failure = transfer.failure { return .failure(failure) }
        let easy = transfer.easy
        let url = transfer.job.request.url
        guard result == CURLE_OK else {
            var error = CurlResultMapping.error(
                for: result,
                url: url,
                message: easy.errorMessage(for: result),
                refusedAddresses: transfer.refusedAddresses,
                osErrno: easy.long(CURLINFO_OS_ERRNO).flatMap { $0 == 0 ? nil : Int32($0) }
            )
            if transfer.head.status != 0 {
                error.httpStatus = transfer.head.status
                error.retryAfter = transfer.head.retryAfter
            }
            return .failure(error)
        }
        if !transfer.isHeadDelivered && !transfer.deliverHead() {
            return .failure(transfer.failure ?? FetchError(.protocolError, "response rejected: \(url)"))
        }
        return .success(
            FetchResponse(
                head: transfer.head,
                isNotModified: transfer.isNotModified,
                bodyByteCount: transfer.bodyByteCount,
                effectiveURL: easy.string(CURLINFO_EFFECTIVE_URL) ?? url,
                redirectCount: easy.long(CURLINFO_REDIRECT_COUNT) ?? 0,
                httpVersion: easy.httpVersion
            )
        )
    }

    private func cancel(id: UInt64) {
        if let job = queued.removeValue(forKey: id) {
            finish(job, .failure(FetchError(.cancelled, "cancelled while queued: \(job.request.url)")))
        } else if let transfer = running[id], let detached = detach(handle: transfer.easy.handle) {
            recycle(detached.easy)
            finish(detached.job, .failure(FetchError(.cancelled, "cancelled: \(detached.job.request.url)")))
        }
    }

    private func recycle(_ easy: CurlEasy) {
        if pool.count < configuration.concurrency { pool.append(easy) }
    }

    private func finish(_ job: FetchJob, _ result: Result<FetchResponse, FetchError>) {
        guard !job.isFinished else { return }
        job.finish(result)
        mailbox.release()
    }

    private func drainOnShutdown(newJobs: [FetchJob]) {
        for transfer in Array(running.values) {
            if let detached = detach(handle: transfer.easy.handle) {
                finish(detached.job, .failure(FetchError(.cancelled, "engine shut down: \(detached.job.request.url)")))
            }
        }
        for job in Array(queued.values) + newJobs {
            finish(job, .failure(FetchError(.cancelled, "engine shut down: \(job.request.url)")))
        }
        queued = [:]
        queues = [:]
        pool = []
        logger.debug("fetch engine stopped")
    }
}
