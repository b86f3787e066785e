/* map.h — a string-keyed hash map. The map copies its keys and owns them;
 * values are the caller's pointers, never freed by the map. Insertion order
 * is kept, so iteration by index is stable. */
#ifndef SSR_MAP_H
#define SSR_MAP_H

#include <stddef.h>

typedef struct map map_t;

map_t *map_new(void);                                 /* NULL on OOM */
void map_free(map_t *m);
/* Insert or replace; 0 on success, -1 on OOM (the map is unchanged). */
int map_put(map_t *m, const char *key, void *value);
void *map_get(const map_t *m, const char *key);       /* NULL when absent */
int map_has(const map_t *m, const char *key);
size_t map_count(const map_t *m);
const char *map_key(const map_t *m, size_t i);        /* i-th inserted key */
void *map_value(const map_t *m, size_t i);
void map_clear(map_t *m);

#endif
