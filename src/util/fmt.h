/* fmt.h — the escaping formatter: every byte of HTML, URL and JSON that we
 * write by hand goes through here, so escaping is decided by the conversion,
 * never remembered by the caller.
 *
 * Conversions:
 *   %h  string, HTML-escaped (& < > " ')          NULL prints nothing
 *   %t  string, URL-component-encoded (RFC 3986)   NULL prints nothing
 *   %j  string, JSON-escaped without quotes        NULL prints nothing
 *   %J  string as a JSON value: quoted, or null
 *   %s  string, raw: only for text that is itself markup we produced
 *   %d %u %ld %lu %lld %llu %zu  integers;  %c  one char;  %%  a percent
 *   %.Nf  double with N (0-9) decimals
 * Any other conversion marks the buffer failed (and the test suite's format
 * checker, tests/tools/fmtcheck.py, rejects it). */
#ifndef SSR_FMT_H
#define SSR_FMT_H

#include <stdarg.h>

#include "util/buf.h"

void bfmt(buf_t *b, const char *fmt, ...);
void vbfmt(buf_t *b, const char *fmt, va_list ap);

/* The single escapers, for callers that stream. */
void fmt_html(buf_t *b, const char *s);
void fmt_url(buf_t *b, const char *s);
void fmt_json_str(buf_t *b, const char *s);   /* without quotes */
/* One CSV field (RFC 4180): quoted when it holds , " CR or LF. A field whose
 * first character other than space, TAB, CR or LF is = + - @ is prefixed
 * with ' so spreadsheets do not run it as a formula. Every CSV the project
 * writes goes through this one cell writer. */
void fmt_csv(buf_t *b, const char *s);

#endif
