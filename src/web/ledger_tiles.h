/* ledger_tiles.h — the log as C2SP tlog-tiles (docs/ledger.md "Tiles"):
 * written under DIR/ledger/ by `site`, answered under /ledger/ by `serve`.
 *
 *   ledger/checkpoint                  the newest signed checkpoint
 *   ledger/tile/<L>/<N>[.p/<W>]        hash tiles of height 8
 *   ledger/tile/entries/<N>[.p/<W>]    entry bundles: each entry's leaf hash
 *   ledger/content/<N>.json            the public content of bundle N's entries
 *
 * Tiles and bundles hold only hashes, which stay public forever; content
 * follows what is public now and is replaced when that changes. */
#ifndef SSR_LEDGER_TILES_H
#define SSR_LEDGER_TILES_H

#include "store/store.h"
#include "web/site.h"

/* Write the tiles, bundles and content of the tree of the newest signed
 * checkpoint, and that checkpoint, under dir/ledger/. Refuses (ERR_CONFLICT)
 * when the checkpoint's root is not the root of the log's first SIZE changes.
 * With no checkpoint yet it writes nothing and leaves st->tiles_size -1. */
int tiles_export(store_t *db, const char *dir, site_stats *st, err_t *e);

#endif
