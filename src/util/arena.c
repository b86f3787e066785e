/* arena.c — chained blocks; large requests get a block of their own. */
#include "util/arena.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

#define BLOCK_SIZE ARENA_BLOCK_SIZE

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
        mem_free(b);
        b = next;
    }
    mem_free(a);
}

void *arena_alloc(arena_t *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0) n = align;
    block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > BLOCK_SIZE / 2 ? n : BLOCK_SIZE;
        block *nb = mem_alloc(sizeof(block) + size);
        if (!nb) return NULL;
        nb->used = 0;
        nb->size = size;
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
    a->total += n;
    memset(p, 0, n);
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
