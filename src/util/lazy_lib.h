/* lazy_lib.h — a shared library opened at its first use rather than when
 * ssrtrack starts.
 *
 * libcurl, libmicrohttpd and libxlsxwriter bring 30 further libraries
 * (TLS, Kerberos, LDAP, OpenSSL's libcrypto...) whose mapping and
 * relocation cost every command about 6 ms and 16M instructions, while only
 * a few commands use them. Each is opened here, from the file that wraps
 * its functions (net/curl_lib.c, web/mhd_lib.c, report/xlsx_lib.c): those
 * define the library's functions under their own names, so callers are
 * written as against the library itself, and forward each call through
 * the pointer dlsym found. A caller loads the library before its first
 * call (and reports the error); a call before that aborts. */
#ifndef SSR_LAZY_LIB_H
#define SSR_LAZY_LIB_H

#include <pthread.h>

#include "util/err.h"

typedef struct {
    const char *soname;          /* "libcurl.so.4" */
    const char *needed_for;      /* "XLSX files": what needs it, for the error */
    const char *const *names;    /* the functions, NULL-terminated */
    void **fns;                  /* filled in the order of names; all NULL until loaded */
    pthread_mutex_t lock;
} lazy_lib;

#define LAZY_LIB(soname, needed_for, names, fns) {soname, needed_for, names, fns, PTHREAD_MUTEX_INITIALIZER}

/* A wrapper file's library, from FNS(X), the list of its functions: the
 * indexes I_name, the table, and `int load(err_t *)` opening it. */
#define LAZY_INDEX(f) I_##f,
#define LAZY_NAME(f) #f,
#define LAZY_WRAPPER(FNS, soname, needed_for, load)                                                \
    enum { FNS(LAZY_INDEX) N_FNS };                                                                \
    static const char *const names[] = {FNS(LAZY_NAME) NULL};                                      \
    static void *fns[N_FNS];                                                                       \
    static lazy_lib lib = LAZY_LIB(soname, needed_for, names, fns);                                \
    int load(err_t *e) { return lazy_lib_load(&lib, e); }
/* f's pointer in the wrapper's table, with f's own type from the header. */
#define LAZY_CALL(f) ((__typeof__(f) *)lazy_lib_fn(&lib, I_##f))

/* Open the library and find every function, once for the process (safe
 * from any thread). 0, or -1 with e naming the library and what needs it. */
int lazy_lib_load(lazy_lib *l, err_t *e);

/* The function at index i, or abort when the library was never loaded. */
void *lazy_lib_fn(const lazy_lib *l, int i);

#endif
