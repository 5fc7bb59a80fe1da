#ifndef CASSETCURL_H
#define CASSETCURL_H

#include <curl/curl.h>

#endif
