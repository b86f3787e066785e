/* change.c — canonical encoding of a change; see change.h and docs/ledger.md. */
#include "core/change.h"

#include <stdio.h>
#include <string.h>

static void put_field(buf_t *out, const char *s, size_t n)
{
    unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16),
                            (unsigned char)(n >> 8), (unsigned char)n};
    buf_append(out, len, 4);
    buf_append(out, s, n);
}

static void put_str(buf_t *out, const char *s)
{
    put_field(out, s ? s : "", s ? strlen(s) : 0);
}

void change_encode(const change_t *c, buf_t *out)
{
    char seq[24];
    int n = snprintf(seq, sizeof seq, "%lld", c->seq);
    put_field(out, seq, (size_t)n);
    put_str(out, c->entity);
    put_str(out, c->entity_id);
    put_str(out, c->field);
    put_str(out, c->value);
    put_str(out, c->effective_at);
    put_str(out, c->recorded_at);
    put_str(out, c->actor);
    put_str(out, c->reason);
    if (c->tx > 0) {
        put_str(out, c->reported_at);
        n = snprintf(seq, sizeof seq, "%lld", c->tx);
        put_field(out, seq, (size_t)n);
    }
}
