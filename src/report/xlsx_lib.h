/* xlsx_lib.h — libxlsxwriter, opened at its first use (util/lazy_lib.h):
 * xlsx_from_csv calls xlsx_lib_load before its first workbook. */
#ifndef SSR_XLSX_LIB_H
#define SSR_XLSX_LIB_H

#include "util/err.h"

/* 0 once libxlsxwriter is loaded, or -1 with e saying why not. */
int xlsx_lib_load(err_t *e);

#endif
