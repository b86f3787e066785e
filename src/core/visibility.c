/* visibility.c — the rule for restricted things; see visibility.h. */
#include "core/visibility.h"

int vis_hidden(const kind_def *k, const char *const *v, vis_owner_fn owner_hidden, void *ctx)
{
    int r = kind_field(k, "restricted");
    if (r >= 0 && field_true(v[r])) return 1;
    for (int f = 0; f < k->nfields; f++) {
        const field_def *fd = &k->fields[f];
        if (fd->type != FT_ID || !(fd->flags & F_FIXED) || !v[f] || !*v[f]) continue;
        int tk = kind_field(k, "target_kind");
        const kind_def *owner = kind_find(fd->ref ? fd->ref : tk >= 0 && v[tk] ? v[tk] : "");
        /* An owner of a kind this build does not know cannot be asked about:
         * the thing stays hidden rather than risk showing it. */
        if (!owner) return 1;
        int h = owner_hidden(ctx, owner, v[f]);
        if (h != 0) return h;
    }
    return 0;
}
