/* lazy_lib.c — see lazy_lib.h. The handle is never closed: the library
 * stays for the life of the process, as a linked one would. */
#include "util/lazy_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static int open_lib(lazy_lib *l, err_t *e)
{
    void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return err_set(e, ERR_INTERNAL, "cannot load %s, needed for %s: %s", l->soname, l->needed_for,
                       dlerror());
    for (int i = 0; l->names[i]; i++) {
        if (!(l->fns[i] = dlsym(h, l->names[i]))) {
            for (int j = 0; j < i; j++) l->fns[j] = NULL;
            dlclose(h);
            return err_set(e, ERR_INTERNAL, "%s has no function %s, needed for %s", l->soname,
                           l->names[i], l->needed_for);
        }
    }
    return 0;
}

int lazy_lib_load(lazy_lib *l, err_t *e)
{
    pthread_mutex_lock(&l->lock);
    int rc = l->fns[0] ? 0 : open_lib(l, e);   /* a failed open leaves none found */
    pthread_mutex_unlock(&l->lock);
    return rc;
}

void *lazy_lib_fn(const lazy_lib *l, int i)
{
    void *f = l->fns[i];
    if (!f) {
        fprintf(stderr, "ssrtrack: %s called before %s was loaded\n", l->names[i], l->soname);
        abort();
    }
    return f;
}
