/* curl_lib.h — libcurl, opened at its first use (util/lazy_lib.h). Call
 * curl_lib_load before the first curl_* call of a command or request. */
#ifndef SSR_CURL_LIB_H
#define SSR_CURL_LIB_H

#include "util/err.h"

/* 0 once libcurl is loaded, or -1 with e saying why not. */
int curl_lib_load(err_t *e);

#endif
