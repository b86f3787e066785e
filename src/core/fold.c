/* fold.c — see fold.h. */
#include "core/fold.h"

#include <string.h>

/* Start from the defaults. */
static void init_state(const kind_def *k, const char **v)
{
    for (int i = 0; i < k->nfields; i++) v[i] = k->fields[i].dflt;
}

static int exists(const kind_def *k, const char *const *v)
{
    for (int i = 0; i < k->nfields; i++)
        if ((k->fields[i].flags & F_REQUIRED) && !v[i]) return 0;
    return 1;
}

/* Apply one change to the state; an empty value clears to the default. */
static void apply(const kind_def *k, const char **v, const fold_change *c)
{
    int f = kind_field(k, c->field);
    if (f < 0) return;
    v[f] = c->value && *c->value ? c->value : k->fields[f].dflt;
}

int fold_entity(const kind_def *k, const fold_change *ch, size_t n,
                int (*emit)(void *ctx, const fold_version *v), void *ctx)
{
    const char *v[KIND_MAX_FIELDS];
    init_state(k, v);
    long long last = 0;
    int index = 0;
    for (size_t i = 0; i < n; i++) {
        apply(k, v, &ch[i]);
        if (ch[i].seq > last) last = ch[i].seq;
        int date_ends = i + 1 == n || strcmp(ch[i + 1].effective_at, ch[i].effective_at) != 0;
        if (date_ends && exists(k, v)) {
            fold_version ver = {ch[i].effective_at, v, last, index++};
            int rc = emit(ctx, &ver);
            if (rc) return rc;
        }
    }
    return 0;
}

int fold_at(const kind_def *k, const fold_change *ch, size_t n, const char *date,
            const char **v, const char **valid_from, long long *last_seq)
{
    init_state(k, v);
    const char *from = NULL;
    long long last = 0;
    for (size_t i = 0; i < n; i++) {
        if (date && strcmp(ch[i].effective_at, date) > 0) break;
        apply(k, v, &ch[i]);
        if (ch[i].seq > last) last = ch[i].seq;
        from = ch[i].effective_at;
    }
    if (valid_from) *valid_from = from;
    if (last_seq) *last_seq = last;
    return from != NULL && exists(k, v);
}
