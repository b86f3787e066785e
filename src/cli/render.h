/* render.h — terminal renderings of recs and history for the CLI. The
 * inputs are only read. */
#ifndef SSR_RENDER_H
#define SSR_RENDER_H

#include <stdio.h>

#include "store/store.h"

void render_rec_text(FILE *f, const ent_t *rec, const ent_t *ms, size_t nms,
                     const ent_t *children, size_t nchildren, const ent_t *out, size_t nout,
                     const ent_t *in, size_t nin, const view_t *v);
/* recs[i]'s milestones are ms[first[i]] .. ms[first[i] + count[i] - 1]. */
void render_rec_table(FILE *f, const ent_t *recs, size_t n, const ent_t *ms, const size_t *first,
                      const size_t *count, const view_t *v);
void render_history_text(FILE *f, const change_t *ch, size_t n);
/* Print s padded with spaces to cols display columns (cut with … when longer). */
void render_cell(FILE *f, const char *s, size_t cols);

#endif
