/* compress.h — gzip for text responses (libdeflate): which responses are
 * worth compressing, whether a client accepts gzip, and the compression
 * itself, at level 6.
 * Used by the server (on the way out, and kept beside the cached identity
 * response) and by the static export (a .gz file beside each text file). */
#ifndef SSR_COMPRESS_H
#define SSR_COMPRESS_H

#include <stddef.h>

#include "util/buf.h"

/* Bodies shorter than this are sent as they are: gzip's header and trailer
 * would eat most of what it saves. */
#define GZIP_MIN 512

/* 1 when a body of n bytes with this Content-Type is worth compressing:
 * a text type (text/…, JSON, XML, Atom, SVG, JavaScript) of at least
 * GZIP_MIN bytes. Images other than SVG, spreadsheets and archives are
 * compressed already. */
int gzip_worth(const char *content_type, size_t n);

/* 1 when an Accept-Encoding header value accepts gzip: a "gzip" (or
 * "x-gzip", or "*") coding whose q is not 0 (RFC 9110 §12.5.3). NULL: no. */
int gzip_accepted(const char *accept_encoding);

/* Append the gzip (RFC 1952) form of [data, data+n) to out: deterministic
 * (no name, no time in the header), so the same body always gives the same
 * bytes. 0, or -1 when memory ran out (nothing appended). */
int gzip_buf(const void *data, size_t n, buf_t *out);

#endif
