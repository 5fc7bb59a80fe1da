import AssetTestSupport

/// Every way the test origin can answer an image request, with the final state the daemon documents for it.
///
/// Four families: answers that are odd but fine (`cached` at the first attempt), permanent failures (`failed` after
/// one attempt), transient failures that never stop (`failed` once the retries are spent, with the last failure's
/// code) and transient failures that stop after one or two answers (`fail-first`: `cached` after retries). The codes
/// are the daemon's (`FailureClassification`): an HTTP status as `http<status>`, others the `FetchError` code.
enum TortureFaultKind: String, CaseIterable, Sendable {
    // Odd but fine: cached at once.
    case slowHead, slowBody, trickle, chunked, connectionClose, shortDeclaredLength, validators, typeParameters
    case redirect302, redirect301, redirect307, redirect308, redirectChain3, redirectChain5
    // Permanent: failed after one attempt.
    case http400, http403, http404, http410, http501, http599
    case typeHTML, typeJSON, typeMissing, tooBigDeclared, tooBigStreamed
    case redirectLoop, redirectChain6, redirectToFile, redirectToMissing, badHeaderLine
    // Transient without end: failed after every retry.
    case http408, http425, http429RetryAfterDate, http500, http502, http503RetryAfter, http504
    case emptyReply, resetAfterHeaders, resetMidBody, truncated, stalledBody, stalledHead, timeout, connectRefused
    // Transient, then fine: cached after retries.
    case recoverStatus, recoverRetryAfter, recoverRetryAfterDate, recoverEmptyReply, recoverReset, recoverTruncation
    case recoverStall, recoverTimeout

    /// The daemon settings the expectations assume; the fault test writes them into the config.
    struct Settings: Sendable {
        /// `retries`: failed attempts of a transient fault = retries + 1.
        var retries = 3
        /// `timeout` in seconds: well above `low-speed-time`, as libcurl checks the speed about once a second, so a
        /// stalled transfer ends `tooSlow` and only a steady but too long one ends `timeout`.
        var timeoutSeconds = 5
        /// `low-speed-limit` 1 KiB/s for `low-speed-time` seconds.
        var lowSpeedSeconds = 2
        /// `max-object-bytes`.
        var maxObjectBytes = 256 * 1024
    }

    /// The answer the daemon must end with.
    enum Outcome: Sendable, Equatable, CustomStringConvertible {
        /// `cached` with the bytes of `TestContent` for (count, seed).
        case cached(byteCount: Int, seed: UInt64)
        /// `failed` with this code.
        case failed(code: String)

        var description: String {
            switch self {
            case .cached: "cached"
            case .failed(let code): "failed \(code)"
            }
        }
    }

    /// One image of the fault run.
    struct Planned: Sendable {
        var url: String
        var kind: TortureFaultKind?
        var outcome: Outcome
        /// The failed attempts the daemon must record (`attempts`): exact for failures; for cached images the fewest
        /// (a loaded machine may add a transient failure of its own, which the retries absorb).
        var failedAttempts: ClosedRange<Int>
        /// How many of the origin's answers are faults (`fail-first`) before it answers well; 0 when it never does or
        /// always does.
        var failFirst = 0
        /// Whether libcurl itself may send the request again: an empty reply on a reused keep-alive connection is
        /// retried on another connection at once (up to 5 times), without the daemon seeing a failure.
        var isRepeatedByLibcurl = false
    }

    /// What plan(...) needs besides the kind.
    struct Context: Sendable {
        var origin: TestOrigin
        /// The server of replies that are not well-formed HTTP.
        var raw: OriginRawFaultServer
        var settings: Settings
        /// A loopback port nothing listens on.
        var closedPort: Int
        /// Now, in seconds since the Unix epoch (for `Retry-After` dates).
        var now: Int64
    }

    /// The URL and expectation of one image of this kind.
    ///
    /// - Parameters:
    ///   - seed: the image's seed (unique in the run, so each URL is distinct and counts its own `fail-first`).
    ///   - random: the run's generator, for sizes and the number of failing answers.
    func plan(seed: UInt64, in context: Context, random: inout SplitMix64) -> Planned {
        let settings = context.settings
        let origin = context.origin
        let size = Int.random(in: 2_000...12_000, using: &random)
        let exhausted = (settings.retries + 1)...(settings.retries + 1)
        let failFirst = Int.random(in: 1...min(2, settings.retries), using: &random)
        let objectPath = "/object?size=\(size)&seed=\(seed)"
        let encodedObject = OriginTarget.percentEncoded(objectPath)
        let cached = Outcome.cached(byteCount: size, seed: seed)
        let big = settings.maxObjectBytes + 40_000
        let slowBody = settings.timeoutSeconds * 8192 * 4
        let date = OriginTarget.percentEncoded(HTTPDate.format(unixSeconds: context.now + 1))

        func object(_ modifiers: String, size: Int = size) -> String {
            origin.objectURL(size: size, seed: seed, modifiers)
        }
        func fine(_ url: String, _ outcome: Outcome = cached) -> Planned {
            Planned(url: url, kind: self, outcome: outcome, failedAttempts: 0...settings.retries)
        }
        func permanent(_ url: String, _ code: String) -> Planned {
            Planned(url: url, kind: self, outcome: .failed(code: code), failedAttempts: 1...1)
        }
        func endless(_ url: String, _ code: String) -> Planned {
            Planned(url: url, kind: self, outcome: .failed(code: code), failedAttempts: exhausted)
        }
        func recovering(_ modifiers: String, size: Int = size) -> Planned {
            Planned(
                url: object("fail-first=\(failFirst)&" + modifiers, size: size),
                kind: self,
                outcome: .cached(byteCount: size, seed: seed),
                failedAttempts: failFirst...settings.retries,
                failFirst: failFirst
            )
        }
        func redirect(status: Int) -> Planned {
            fine(origin.url("/redirect?to=\(encodedObject)&status=\(status)"))
        }

        switch self {
        case .slowHead: return fine(object("delay-ms=300"))
        case .slowBody: return fine(object("body-delay-ms=300"))
        case .trickle: return fine(object("trickle-bps=16384"))
        case .chunked: return fine(object("no-length"))
        case .connectionClose: return fine(object("close"))
        case .shortDeclaredLength:
            return fine(object("declared-length=\(size / 2)"), .cached(byteCount: size / 2, seed: seed))
        case .validators: return fine(object("etag=t\(seed)&last-modified=1700000000"))
        case .typeParameters: return fine(object("type=\(OriginTarget.percentEncoded("Image/PNG; q=1"))"))
        case .redirect302: return fine(origin.url("/redirect?to=\(encodedObject)"))
        case .redirect301: return redirect(status: 301)
        case .redirect307: return redirect(status: 307)
        case .redirect308: return redirect(status: 308)
        case .redirectChain3: return fine(origin.url("/redirect-chain?n=3&final=\(encodedObject)"))
        case .redirectChain5: return fine(origin.url("/redirect-chain?n=5&final=\(encodedObject)"))

        case .http400: return permanent(object("status=400"), "http400")
        case .http403: return permanent(object("status=403"), "http403")
        case .http404: return permanent(object("status=404"), "http404")
        case .http410: return permanent(object("status=410"), "http410")
        case .http501: return permanent(object("status=501"), "http501")
        case .http599: return permanent(object("status=599"), "http599")
        case .typeHTML: return permanent(object("type=text/html"), "wrongType")
        case .typeJSON: return permanent(object("type=application/json"), "wrongType")
        case .typeMissing: return permanent(object("type=none"), "wrongType")
        case .tooBigDeclared: return permanent(object("", size: big), "tooBig")
        case .tooBigStreamed: return permanent(object("no-length", size: big), "tooBig")
        case .redirectLoop: return permanent(origin.url("/redirect-loop?tag=\(seed)"), "tooManyRedirects")
        case .redirectChain6:
            return permanent(origin.url("/redirect-chain?n=6&final=\(encodedObject)"), "tooManyRedirects")
        case .redirectToFile:
            let to = OriginTarget.percentEncoded("file:///etc/passwd")
            return permanent(origin.url("/redirect?to=\(to)&tag=\(seed)"), "badScheme")
        case .redirectToMissing:
            let missing = OriginTarget.percentEncoded(objectPath + "&status=404")
            return permanent(origin.url("/redirect?to=\(missing)"), "http404")
        case .badHeaderLine: return permanent(context.raw.url(.badHeaderLine, tag: "\(seed)"), "protocolError")

        case .http408: return endless(object("status=408"), "http408")
        case .http425: return endless(object("status=425"), "http425")
        case .http429RetryAfterDate: return endless(object("status=429&retry-after=\(date)"), "http429")
        case .http500: return endless(object("status=500"), "http500")
        case .http502: return endless(object("status=502"), "http502")
        case .http503RetryAfter: return endless(object("status=503&retry-after=1"), "http503")
        case .http504: return endless(object("status=504"), "http504")
        case .emptyReply:
            var planned = endless(object("empty-reply"), "connectionReset")
            planned.isRepeatedByLibcurl = true
            return planned
        case .resetAfterHeaders: return endless(object("reset-after=0"), "connectionReset")
        case .resetMidBody: return endless(object("reset-after=\(size / 2)"), "connectionReset")
        case .truncated: return endless(object("declared-length=\(size * 2)"), "truncated")
        case .stalledBody: return endless(object("trickle-bps=100"), "tooSlow")
        case .stalledHead: return endless(object("delay-ms=60000"), "tooSlow")
        case .timeout: return endless(object("trickle-bps=8192", size: slowBody), "timeout")
        case .connectRefused:
            let to = OriginTarget.percentEncoded("http://127.0.0.1:\(context.closedPort)/object?seed=\(seed)")
            return endless(origin.url("/redirect?to=\(to)"), "connect")

        case .recoverStatus:
            let status = [408, 425, 429, 500, 502, 503, 504].randomElement(using: &random) ?? 503
            return recovering("status=\(status)")
        case .recoverRetryAfter: return recovering("retry-after=1")
        case .recoverRetryAfterDate: return recovering("status=429&retry-after=\(date)")
        case .recoverEmptyReply:
            // libcurl may absorb some or all of the empty replies (see isRepeatedByLibcurl): any count of failures.
            var planned = recovering("empty-reply")
            planned.failedAttempts = 0...settings.retries
            planned.isRepeatedByLibcurl = true
            return planned
        case .recoverReset: return recovering("reset-after=\(size / 3)")
        case .recoverTruncation: return recovering("declared-length=\(size + 100)")
        case .recoverStall: return recovering("trickle-bps=100")
        case .recoverTimeout: return recovering("trickle-bps=8192", size: min(slowBody, settings.maxObjectBytes))
        }
    }

    /// A plain image: cached at once.
    static func plain(seed: UInt64, in context: Context, random: inout SplitMix64) -> Planned {
        let size = Int.random(in: 2_000...12_000, using: &random)
        return Planned(
            url: context.origin.objectURL(size: size, seed: seed),
            kind: nil,
            outcome: .cached(byteCount: size, seed: seed),
            failedAttempts: 0...context.settings.retries
        )
    }
}
