/* evidence_report.h — the health of every evidence link: each evidence entry
 * with the newest check of its URL, and the renderings of `report evidence`
 * (md, html, csv, json) that `evidence list` shares.
 *
 * Memory: rows are allocated in the caller's arena. Renderers append to a
 * buf_t (check buf_ok afterwards); every value passes through the escaping
 * conversions of util/fmt.h (Markdown cells through md_cell here). */
#ifndef SSR_EVIDENCE_REPORT_H
#define SSR_EVIDENCE_REPORT_H

#include "store/measure.h"
#include "util/buf.h"

typedef struct {
    const ent_t *ev;             /* the evidence, in view */
    const link_check *check;     /* the newest check of its URL by the view's date; NULL: none */
    const char *review;          /* the review of the rec it is cited for (directly, or through a
                                    milestone or an assessment item); NULL when unknown */
} ev_health;

/* Evidence in view (only that cited for target, when not NULL), in natural
 * id order, each with its URL's newest check made by the end of v->as_of. */
int ev_health_load(store_t *s, const view_t *v, const char *target, arena_t *a, ev_health **rows,
                   size_t *n, err_t *e);

/* The newest check made by the end of v->as_of (any time, when v is today's
 * view) of each URL of evs[0..n), in URL order for link_check_find; what
 * ev_health_load finds for them, reading only their URLs' checks. */
int ev_checks_of(store_t *s, const view_t *v, const ent_t *evs, size_t n, arena_t *a, link_check **checks,
                 size_t *nchecks, err_t *e);

/* "ok", "moved", "dead", "blocked" or "unchecked". */
const char *ev_health_word(const ev_health *h);

/* Render rows as format "md", "html" (one self-contained page), "csv",
 * "json" or "xlsx" (the CSV as a workbook, one sheet per review). -1 for an
 * unknown format. downloads: HTML already escaped (the web's "Download this
 * table" links) put after the HTML table; NULL for none. */
int ev_report_render(buf_t *b, const ev_health *rows, size_t n, const char *format,
                     const view_t *v, const char *downloads);

/* Load (as ev_health_load) and render into b: the whole `report evidence`. */
int ev_report(store_t *s, const view_t *v, const char *target, const char *format, arena_t *a,
              buf_t *b, err_t *e);

#endif
