/* alloc.h — the one place our code gets heap memory.
 *
 * Every allocation returns NULL on failure; callers report ERR_NOMEM and unwind.
 * A test can make the N-th allocation from now fail (mem_fail_at) to prove that
 * each failure path is an error, never a crash or a leak. */
#ifndef SSR_ALLOC_H
#define SSR_ALLOC_H

#include <stddef.h>

void *mem_alloc(size_t n);                 /* caller frees with mem_free */
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);      /* on NULL, p is still valid */
void mem_free(void *p);
char *mem_strdup(const char *s);           /* caller frees */

/* Fault injection for tests: the n-th allocation from now (1-based) fails,
 * and every one after it too while `sticky`; n <= 0 turns injection off. */
void mem_fail_at(long n, int sticky);
/* Allocations that have returned NULL so far, injected or not: for callers
 * of a library that reports a failed allocation as something else (Jansson
 * may call it a syntax error) to tell the two apart. */
long mem_failures(void);

/* Count allocations from now without failing any (to size a fault sweep). */
void mem_count_only(void);
/* Allocations counted since the last mem_fail_at or mem_count_only. */
long mem_count(void);

#endif
