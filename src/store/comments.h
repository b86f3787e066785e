/* comments.h — comments on recs, milestones and assessment items
 * (kind_comment, core/entity.h): discussion kept in the change log, hashed,
 * exported and verified like everything else. Both calls run inside the
 * caller's transaction (store_begin ... store_commit); the command line and
 * the web's form share them. */
#ifndef SSR_COMMENTS_H
#define SSR_COMMENTS_H

#include "store/store.h"

/* The kind of the thing a comment may be on: an assessment item when thing
 * holds '/', else a rec, else a milestone. ERR_NOTFOUND naming it when there
 * is none now. */
int comment_target_kind(store_t *s, const char *thing, const kind_def **kind, err_t *e);

/* A new comment by actor; its id ("C" + N) in *id, arena-owned. ERR_INPUT
 * for a text that is empty or only spaces. */
int comment_add(store_t *s, const char *thing, const char *text, const char *actor, arena_t *a, char **id, err_t *e);

/* A new text for comment id, as a new change: the old text stays in the
 * history. ERR_NOTFOUND when there is no such comment. */
int comment_edit(store_t *s, const char *id, const char *text, const char *actor, err_t *e);

#endif
