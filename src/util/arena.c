/* arena.c — chained blocks; large requests get a block of their own.
 *
 * Built with AddressSanitizer, the bytes of a block that were not handed out
 * are poisoned, and so is a red zone after each allocation: reading or
 * writing one byte past what arena_alloc gave is reported, as it would be
 * for malloc (the fuzzers and `make asan` rely on it). */
#include "util/arena.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

#define BLOCK_SIZE ARENA_BLOCK_SIZE

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define REDZONE 16
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define REDZONE 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

typedef struct block {
    struct block *next;
    size_t used, size;
    max_align_t data[];   /* the block's bytes follow */
} block;

struct arena {
    block *head;
    size_t total;
};

arena_t *arena_new(void)
{
    return mem_calloc(1, sizeof(arena_t));
}

void arena_free(arena_t *a)
{
    if (!a) return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        UNPOISON(b->data, b->size);
        mem_free(b);
        b = next;
    }
    mem_free(a);
}

void *arena_alloc(arena_t *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    size_t want = n;
    if (n > (size_t)-1 / 2) return NULL;
    size_t counted = n ? (n + align - 1) / align * align : align;   /* what arena_used reports */
    n = (n + REDZONE + align - 1) / align * align;
    if (n == 0) n = align;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE / 2 ? n : BLOCK_SIZE;
        block *nb = mem_alloc(sizeof(block) + size);
        if (!nb) return NULL;
        nb->used = 0;
        nb->size = size;
        POISON(nb->data, size);
        if (b && size != BLOCK_SIZE) {
            /* A big one-off block goes behind the current one, which keeps its room. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    a->total += counted;
    UNPOISON(p, want);
    memset(p, 0, want);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *d = arena_alloc(a, n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena_t *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *d = arena_alloc(a, (size_t)n + 1);
    if (!d) return NULL;
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    return d;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *d = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return d;
}

int arena_grow(arena_t *a, void **v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : first;
    void *nv = arena_alloc(a, ncap * size);
    if (!nv) return -1;
    if (n) memcpy(nv, *v, n * size);
    *v = nv;
    *cap = ncap;
    return 0;
}

size_t arena_used(const arena_t *a) { return a->total; }
