/* rec_csv.h — recs as CSV in the columns `import --format csv` reads (id,
 * review, parent, title, text, topic, owner, priority, board, status,
 * recurring, due, and the view's date as effective), so a list written by
 * `rec list --format csv` or the web's /recs?format=csv imports back into the
 * same current state. The inputs are only read. */
#ifndef SSR_REPORT_REC_CSV_H
#define SSR_REPORT_REC_CSV_H

#include "store/store.h"
#include "util/buf.h"

/* Append the header and one row per rec to b (check buf_ok). */
void rec_csv(buf_t *b, const ent_t *recs, size_t n, const char *as_of);

#endif
