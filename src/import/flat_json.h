/* flat_json.h — a reader for one flat JSON object: string, integer, true,
 * false or null members, no nesting. The canonical format's changes are such
 * objects, millions of them; reading them here instead of building a Jansson
 * object each time makes imports several times cheaper in allocation.
 *
 * Strings are unescaped (\uXXXX and surrogate pairs to UTF-8) into the
 * reader's own buffer; a string holding NUL (\u0000) is refused. */
#ifndef SSR_FLAT_JSON_H
#define SSR_FLAT_JSON_H

#include <stddef.h>

#include "util/buf.h"

#define FLAT_MAX_MEMBERS 16

typedef enum { FJ_STRING, FJ_INT, FJ_TRUE, FJ_FALSE, FJ_NULL } flat_type;

typedef struct {
    const char *key;
    flat_type type;
    const char *str;      /* FJ_STRING: the unescaped value */
    long long num;        /* FJ_INT */
} flat_member;

typedef struct {
    flat_member m[FLAT_MAX_MEMBERS];
    int n;
    buf_t text;           /* owns the unescaped keys and strings */
    const char *error;    /* static text when flat_parse fails */
    int nomem;            /* 1: it failed for want of memory, not for the input */
    size_t error_at;      /* byte offset of the problem from the start */
} flat_object;

/* Parse the object starting at data[0] ('{' after no whitespace). Returns the
 * bytes consumed, or 0 with o->error and o->error_at set. o is reused between
 * calls; release it with flat_free. */
size_t flat_parse(flat_object *o, const char *data, size_t len);
void flat_free(flat_object *o);
/* The member called key, or NULL. */
const flat_member *flat_get(const flat_object *o, const char *key);

#endif
