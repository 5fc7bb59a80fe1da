import CAssetCurl

/// A libcurl easy handle with its error buffer. Setters throw `setupFailed` instead of trapping.
///
/// Safety: used by one thread at a time (the engine thread, or the thread of one Unix-socket request).
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(FetchError) {
        CurlGlobal.initialise()
        guard let handle = curl_easy_init() else {
            throw FetchError(.setupFailed, "curl_easy_init failed")
        }
        self.handle = handle
        let size = assetcurl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Forgets every option (connections and caches of the multi handle stay) and re-arms the error buffer.
    func reset() throws(FetchError) {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    /// The message libcurl left in the error buffer, or the generic text of `code`.
    func errorMessage(for code: CURLcode) -> String {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
    }

    private func check(_ result: CURLcode, _ option: CURLoption) throws(FetchError) {
        guard result == CURLE_OK else {
            let reason = String(cString: curl_easy_strerror(result))
            throw FetchError(
                .setupFailed,
                "libcurl refused option \(option.rawValue): \(reason)",
                curlCode: Int(result.rawValue)
            )
        }
    }

    func set(_ option: CURLoption, long value: Int) throws(FetchError) {
        try check(assetcurl_easy_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, off value: Int64) throws(FetchError) {
        try check(assetcurl_easy_setopt_off(handle, option, curl_off_t(value)), option)
    }

    func set(_ option: CURLoption, string value: String) throws(FetchError) {
        try check(assetcurl_easy_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(FetchError) {
        try check(assetcurl_easy_setopt_pointer(handle, option, value), option)
    }

    func set(_ option: CURLoption, slist value: UnsafeMutablePointer<curl_slist>?) throws(FetchError) {
        try check(assetcurl_easy_setopt_slist(handle, option, value), option)
    }

    func set(_ option: CURLoption, writeFunction value: curl_write_callback?) throws(FetchError) {
        try check(assetcurl_easy_setopt_write_function(handle, option, value), option)
    }

    func set(xferInfoFunction value: curl_xferinfo_callback?) throws(FetchError) {
        try check(assetcurl_easy_setopt_xferinfo_function(handle, value), CURLOPT_XFERINFOFUNCTION)
    }

    func set(openSocketFunction value: curl_opensocket_callback?) throws(FetchError) {
        try check(assetcurl_easy_setopt_opensocket_function(handle, value), CURLOPT_OPENSOCKETFUNCTION)
    }

    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return assetcurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard assetcurl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// CURLINFO_HTTP_VERSION as "1.0", "1.1", "2", "3", or "" before a response.
    var httpVersion: String {
        switch long(CURLINFO_HTTP_VERSION) ?? 0 {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_1_1: "1.1"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: ""
        }
    }
}

/// A `curl_slist` built from Swift strings; freed on deinit.
final class CurlStringList {
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) throws(FetchError) {
        for string in strings {
            guard let appended = curl_slist_append(list, string) else {
                curl_slist_free_all(list)
                throw FetchError(.setupFailed, "curl_slist_append failed")
            }
            list = appended
        }
    }

    deinit {
        curl_slist_free_all(list)
    }
}

/// `curl_global_init`, run once per process.
enum CurlGlobal {
    private static let result: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func initialise() {
        _ = result
    }

    /// The libcurl version string, e.g. "7.88.1".
    static var version: String {
        guard let info = assetcurl_version_info(), let text = info.pointee.version else { return "" }
        return String(cString: text)
    }
}
