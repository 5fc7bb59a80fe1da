#ifndef CASSETCURL_H
#define CASSETCURL_H

// Typed, non-variadic wrappers around libcurl's variadic calls, so that Swift can call them.
// Every function forwards its arguments unchanged and returns libcurl's result code; there is no logic here.

#include <curl/curl.h>
#include <sys/types.h>

// MARK: curl_easy_setopt

CURLcode assetcurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode assetcurl_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value);
CURLcode assetcurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode assetcurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode assetcurl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode assetcurl_easy_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback value);
CURLcode assetcurl_easy_setopt_read_function(CURL *handle, curl_read_callback value);
CURLcode assetcurl_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback value);
CURLcode assetcurl_easy_setopt_opensocket_function(CURL *handle, curl_opensocket_callback value);

// MARK: curl_easy_getinfo

CURLcode assetcurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode assetcurl_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode assetcurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

// MARK: curl_multi_setopt

CURLMcode assetcurl_multi_setopt_long(CURLM *handle, CURLMoption option, long value);
CURLMcode assetcurl_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value);

// MARK: curl_multi_info_read

/// Returns 1 and fills `easy` and `result` with the next finished transfer, or 0 when none is left.
int assetcurl_multi_next_done(CURLM *handle, CURL **easy, CURLcode *result);

// MARK: Constants Swift cannot import

/// `curl_version_info(CURLVERSION_NOW)`: `CURLVERSION_NOW` is a macro aliasing an enum constant.
const curl_version_info_data *assetcurl_version_info(void);

/// `CURL_ERROR_SIZE`, the size of the buffer given to `CURLOPT_ERRORBUFFER`.
size_t assetcurl_error_size(void);

/// `CURL_SOCKET_BAD`, returned from an open-socket callback to refuse a connection.
curl_socket_t assetcurl_socket_bad(void);

#endif
