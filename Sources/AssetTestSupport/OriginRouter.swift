/// Decides the test origin's answer to a request: a pure function from the request to an ``OriginResponsePlan``.
///
/// The vocabulary is documented on ``TestOrigin``. Unknown or malformed parameters give a 400 whose body names
/// the problem, so a typo in a test URL fails loudly instead of silently serving a plain 200.
package enum OriginRouter {
    /// A file registered with ``TestOrigin/publish(_:bytes:contentType:)``.
    package struct PublishedFile: Sendable, Equatable {
        /// The body.
        package var bytes: [UInt8]
        /// The `Content-Type` value.
        package var contentType: String

        /// Makes a published file.
        package init(bytes: [UInt8], contentType: String) {
            self.bytes = bytes
            self.contentType = contentType
        }
    }

    /// Parameters that every route understands.
    static let modifierNames: Set<String> = [
        "status", "retry-after", "delay-ms", "body-delay-ms", "trickle-bps", "declared-length", "reset-after",
        "empty-reply", "type", "no-length", "etag", "last-modified", "fail-first", "close", "header", "tag",
    ]

    private struct BadParameter: Error {
        let message: String
    }

    /// Plans the answer to one request.
    ///
    /// - Parameters:
    ///   - method: the request method (`GET` and `HEAD` are served; others get 405).
    ///   - target: the parsed request target.
    ///   - headers: the request header fields (for `If-None-Match` and `If-Modified-Since`).
    ///   - attempt: 1 for the first request the origin received with exactly this target, 2 for the next, …
    ///   - published: the published file at `target.path`, if any.
    /// - Returns: the plan; a 400 text response when a parameter is unknown or malformed.
    package static func plan(
        method: String,
        target: OriginTarget,
        headers: [HeaderField],
        attempt: Int,
        published: PublishedFile?
    ) -> OriginResponsePlan {
        guard method == "GET" || method == "HEAD" else {
            var plan = OriginResponsePlan.text(status: 405, "method \(method) not allowed")
            plan.headers.append(HeaderField(name: "Allow", value: "GET, HEAD"))
            return plan
        }
        do {
            return try checkedPlan(target: target, headers: headers, attempt: attempt, published: published)
        } catch let error as BadParameter {
            return .text(status: 400, error.message)
        } catch {
            return .text(status: 500, "\(error)")
        }
    }

    private static func checkedPlan(
        target: OriginTarget,
        headers: [HeaderField],
        attempt: Int,
        published: PublishedFile?
    ) throws -> OriginResponsePlan {
        var routeNames: Set<String>
        switch target.path {
        case "/object": routeNames = ["size", "seed"]
        case "/redirect": routeNames = ["to"]
        case "/redirect-chain": routeNames = ["n", "final"]
        case "/redirect-loop": routeNames = []
        default:
            guard published != nil else {
                return .text(status: 404, "no such path: \(target.path)")
            }
            routeNames = []
        }
        routeNames.formUnion(modifierNames)
        for parameter in target.parameters where !routeNames.contains(parameter.name) {
            throw BadParameter(message: "unknown parameter \(parameter.name) for \(target.path)")
        }

        let failFirst = try integer(target, "fail-first", minimum: 0)
        let isFaulty = failFirst.map { attempt <= $0 } ?? true
        let explicitStatus = try integer(target, "status", minimum: 200, maximum: 599)

        var plan: OriginResponsePlan
        var contentType: String? = target.value("type") ?? "image/jpeg"
        switch target.path {
        case "/object":
            let size = try integer(target, "size", minimum: 0) ?? 0
            let seed = try unsigned(target, "seed") ?? 0
            plan = OriginResponsePlan(status: 200, headers: [], body: .generated(count: size, seed: seed))
        case "/redirect":
            guard let location = target.value("to"), !location.isEmpty else {
                throw BadParameter(message: "/redirect needs to=<percent-encoded URL>")
            }
            plan = redirect(to: location)
            contentType = target.value("type")
        case "/redirect-chain":
            let remaining = try integer(target, "n", minimum: 1) ?? 1
            let final = target.value("final") ?? "/object"
            var next = final
            if remaining > 1 {
                next = "/redirect-chain?n=\(remaining - 1)&final=\(OriginTarget.percentEncoded(final))"
                if let status = target.value("status") {
                    next += "&status=\(status)"
                }
            }
            plan = redirect(to: next)
            contentType = target.value("type")
        case "/redirect-loop":
            let query = target.value("status").map { "?status=\($0)" } ?? ""
            plan = redirect(to: "/redirect-loop" + query)
            contentType = target.value("type")
        default:
            // Only reached with a published file (checked above).
            let file = published ?? PublishedFile(bytes: [], contentType: "application/octet-stream")
            plan = OriginResponsePlan(status: 200, headers: [], body: .fixed(file.bytes))
            contentType = target.value("type") ?? file.contentType
        }
        let isRedirect = (300..<400).contains(plan.status)

        if isFaulty {
            if let explicitStatus {
                plan.status = explicitStatus
            } else if failFirst != nil {
                plan.status = 503
            }
        }
        if let contentType, contentType != "none" {
            plan.headers.insert(HeaderField(name: "Content-Type", value: contentType), at: 0)
        }
        let etag = target.value("etag").map(quotedEntityTag)
        let lastModified = try integer(target, "last-modified", minimum: Int.min).map {
            HTTPDate.format(unixSeconds: Int64($0))
        }
        if let etag {
            plan.headers.append(HeaderField(name: "ETag", value: etag))
        }
        if let lastModified {
            plan.headers.append(HeaderField(name: "Last-Modified", value: lastModified))
        }
        for parameter in target.parameters where parameter.name == "header" {
            guard let raw = parameter.value, let colon = raw.firstIndex(of: ":"), colon != raw.startIndex else {
                throw BadParameter(message: "header needs Name:Value")
            }
            let value = raw[raw.index(after: colon)...].drop { $0 == " " }
            plan.headers.append(HeaderField(name: String(raw[..<colon]), value: String(value)))
        }
        if target.contains("no-length") {
            guard !target.contains("declared-length") else {
                throw BadParameter(message: "no-length and declared-length exclude each other")
            }
            plan.declaredLength = nil
        }
        if target.contains("close") {
            plan.ending = .close
        }

        if plan.status == 200, !isRedirect,
            isNotModified(headers: headers, etag: etag, lastModified: lastModified)
        {
            plan.status = 304
            plan.headers.removeAll { $0.name == "Content-Type" }
            plan.body = .fixed([])
            plan.declaredLength = nil
            plan.sentLength = 0
        }
        if isFaulty {
            try applyFaults(target, to: &plan)
        }
        return plan
    }

    private static func applyFaults(_ target: OriginTarget, to plan: inout OriginResponsePlan) throws {
        if let retryAfter = target.value("retry-after") {
            plan.headers.append(HeaderField(name: "Retry-After", value: retryAfter))
        }
        if let delay = try integer(target, "delay-ms", minimum: 0) {
            plan.headDelay = .milliseconds(delay)
        }
        if let delay = try integer(target, "body-delay-ms", minimum: 0) {
            plan.bodyDelay = .milliseconds(delay)
        }
        plan.trickleBytesPerSecond = try integer(target, "trickle-bps", minimum: 1)
        if let declared = try integer(target, "declared-length", minimum: 0) {
            plan.declaredLength = declared
            plan.sentLength = min(plan.body.count, declared)
            if declared > plan.sentLength {
                plan.ending = .truncate
            }
        }
        if let resetAfter = try integer(target, "reset-after", minimum: 0) {
            plan.sentLength = min(plan.sentLength, resetAfter)
            plan.ending = .reset
        }
        if target.contains("empty-reply") {
            plan.sentLength = 0
            plan.ending = .emptyReply
        }
    }

    private static func redirect(to location: String) -> OriginResponsePlan {
        OriginResponsePlan(status: 302, headers: [HeaderField(name: "Location", value: location)], body: .fixed([]))
    }

    private static func quotedEntityTag(_ raw: String) -> String {
        raw.hasPrefix("\"") || raw.hasPrefix("W/\"") ? raw : "\"\(raw)\""
    }

    /// RFC 9110 §13.1.2 (weak comparison) for If-None-Match; If-Modified-Since matches only the exact
    /// Last-Modified text (nginx's default `if_modified_since exact`) and is ignored when If-None-Match is present.
    private static func isNotModified(headers: [HeaderField], etag: String?, lastModified: String?) -> Bool {
        if let ifNoneMatch = headers.first(named: "If-None-Match") {
            guard let etag else {
                return false
            }
            let opaque = { (tag: Substring) in tag.hasPrefix("W/") ? tag.dropFirst(2) : tag }
            return ifNoneMatch.split(separator: ",").contains { item in
                let candidate = item.trimmingSpaces()
                return candidate == "*" || opaque(candidate) == opaque(Substring(etag))
            }
        }
        if let ifModifiedSince = headers.first(named: "If-Modified-Since"), let lastModified {
            return Substring(ifModifiedSince).trimmingSpaces() == lastModified
        }
        return false
    }

    private static func integer(
        _ target: OriginTarget,
        _ name: String,
        minimum: Int,
        maximum: Int = Int.max
    ) throws -> Int? {
        guard let raw = target.value(name) else {
            return nil
        }
        guard let value = Int(raw), value >= minimum, value <= maximum else {
            throw BadParameter(message: "\(name)=\(raw) is not an integer in \(minimum)...\(maximum)")
        }
        return value
    }

    private static func unsigned(_ target: OriginTarget, _ name: String) throws -> UInt64? {
        guard let raw = target.value(name) else {
            return nil
        }
        guard let value = UInt64(raw) else {
            throw BadParameter(message: "\(name)=\(raw) is not an unsigned integer")
        }
        return value
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" {
            text.removeFirst()
        }
        while let last = text.last, last == " " || last == "\t" {
            text.removeLast()
        }
        return text
    }
}
