/* mhd_lib.h — libmicrohttpd, opened at its first use (util/lazy_lib.h):
 * `serve` and `witness serve` call mhd_lib_load before starting a daemon. */
#ifndef SSR_MHD_LIB_H
#define SSR_MHD_LIB_H

#include "util/err.h"

/* 0 once libmicrohttpd is loaded, or -1 with e saying why not. */
int mhd_lib_load(err_t *e);

#endif
