/* arena.h — bump allocator for memory that lives as long as one command or one
 * request. Everything allocated from an arena is freed at once by arena_free;
 * nothing allocated here is ever freed one by one. Functions return NULL when
 * memory runs out. */
#ifndef SSR_ARENA_H
#define SSR_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena_t;

/* Bytes of an ordinary block: a test that fills an arena up to near this
 * makes the next request need a new block, an allocation that can fail. */
#define ARENA_BLOCK_SIZE (64 * 1024)

arena_t *arena_new(void);                 /* NULL on failure; free with arena_free */
void arena_free(arena_t *a);              /* frees the arena and all it handed out */
void *arena_alloc(arena_t *a, size_t n);  /* aligned for any type; zeroed */
char *arena_strdup(arena_t *a, const char *s);          /* NULL s gives NULL */
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena_t *a, const char *fmt, va_list ap);
/* Room for one more element of `size` bytes in the array *v holding n of
 * them (capacity *cap): when full, a copy twice as large (at least `first`
 * elements) replaces *v. Returns 0, or -1 when memory runs out (*v intact). */
int arena_grow(arena_t *a, void **v, size_t n, size_t *cap, size_t size, size_t first);
/* Bytes handed out so far (for tests and limits). */
size_t arena_used(const arena_t *a);

#endif
