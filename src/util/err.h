/* err.h — one error value that travels up the call stack.
 *
 * Functions that can fail take an `err_t *` and return -1 after filling it
 * (err_set returns -1 so callers can write `return err_set(...)`), 0 on success.
 * The message is one line, "place: problem", ready for stderr or a JSON error.
 * The code decides the exit status (cli) and the HTTP status (web). */
#ifndef SSR_ERR_H
#define SSR_ERR_H

typedef enum {
    ERR_NONE = 0,
    ERR_INPUT,      /* bad input from the user: exit 1, HTTP 400/422 */
    ERR_NOTFOUND,   /* a named thing does not exist: exit 1, HTTP 404 */
    ERR_CONFLICT,   /* duplicate id, stale state: exit 1, HTTP 409 */
    ERR_AUTH,       /* not signed in: HTTP 401 */
    ERR_FORBIDDEN,  /* signed in without the right role: HTTP 403 */
    ERR_TOOBIG,     /* an input over its limit: exit 1, HTTP 413 */
    ERR_FULL,       /* the database is full: exit 2, HTTP 503 */
    ERR_BUSY,       /* the database stayed locked: exit 2, HTTP 503 */
    ERR_NOMEM,      /* an allocation failed: exit 2, HTTP 500 */
    ERR_IO,         /* a file or the database could not be read or written */
    ERR_INTERNAL    /* a bug or an unexpected library error: exit 2, HTTP 500 */
} err_code;

typedef struct {
    err_code code;
    char msg[480];
} err_t;

/* Fill e (if not NULL) with code and a printf-formatted message; returns -1. */
int err_set(err_t *e, err_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix the existing message with "prefix: " (keeps the code); returns -1. */
int err_prefix(err_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Shorthand for an allocation failure; returns -1. */
int err_nomem(err_t *e);

/* Process exit status for an error: 1 for the user's mistakes, 2 otherwise. */
int err_exit_status(const err_t *e);

/* HTTP status for an error code. */
int err_http_status(const err_t *e);

/* Short stable name of the code ("input", "not_found", ...), for JSON errors. */
const char *err_code_name(err_code code);

#endif
