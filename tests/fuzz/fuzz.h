/* fuzz.h — what the fuzz drivers share. Each tests/fuzz/fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput for one target; it is linked either with libFuzzer
 * (`make fuzz`, clang) or with replay.c (every `make test`, any compiler),
 * which feeds it the checked-in corpus tests/fuzz/corpus/NAME/.
 *
 * A driver owns everything it allocates for one input and frees it before
 * returning; what it sets up once (a database, a key) lives until exit. A
 * broken invariant is reported with FUZZ_CHECK, which aborts so that both
 * libFuzzer and the replay count it as a crash. */
#ifndef SSR_FUZZ_H
#define SSR_FUZZ_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/hash.h"
#include "store/store.h"
#include "util/alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The clock of every driver: recorded times and "today" must not depend on
 * when an input is replayed. Seed corpora were made before this instant. */
#define FUZZ_NOW "2025-01-01T00:00:00Z"

#define FUZZ_CHECK(cond)                                                                     \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

/* Once per process: the fixed clock, libsodium, Jansson on our allocator (as
 * main() does). Aborts when libsodium cannot start. */
static inline void fuzz_setup(void)
{
    static int done;
    if (done) return;
    done = 1;
    setenv("SSRTRACK_NOW", FUZZ_NOW, 1);
    json_set_alloc_funcs(mem_alloc, mem_free);
    FUZZ_CHECK(hash_init() == 0);
}

/* With FUZZ_VERBOSE set in the environment, say what became of an input
 * (to check that seeds reach deep): one line on stderr. */
__attribute__((format(printf, 1, 2))) static inline void fuzz_note(const char *fmt, ...)
{
    static int verbose = -1;
    if (verbose < 0) verbose = getenv("FUZZ_VERBOSE") != NULL;
    if (!verbose) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* The input as a NUL-terminated string (the input may hold NULs; the string
 * then ends at the first). The caller frees it with free(). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    FUZZ_CHECK(s != NULL);
    if (size) memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A new empty database in memory, for the life of the process. */
static inline store_t *fuzz_memory_store(void)
{
    store_t *s;
    err_t e;
    if (store_open(":memory:", STORE_CREATE, &s, NULL, &e) != 0) {
        fprintf(stderr, "fuzz: cannot make a database in memory: %s\n", e.msg);
        abort();
    }
    return s;
}

#endif
