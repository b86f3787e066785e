/* source.h — the record of an imported document (kind "source", id
 * "DOC-<16 hex of its fingerprint>"), so the same document is never imported
 * twice. */
#ifndef SSR_SOURCE_H
#define SSR_SOURCE_H

#include "store/store.h"

/* Inside the caller's transaction: record the document, or ERR_CONFLICT when
 * it was imported before. */
int import_record_source(store_t *s, const char *format, const char *name, const char *fingerprint,
                         const char *eff, const char *actor, err_t *e);

#endif
