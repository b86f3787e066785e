/* assessment_model.h — an assessment with everything shown about it: its
 * items (the six answers per rec), each item's rec, sign-offs, dissent and
 * evidence, and the overview counts. Built once from the store, then rendered
 * by `assess show`, `report assessment` and the pages. All memory is in the
 * caller's arena. */
#ifndef SSR_ASSESSMENT_MODEL_H
#define SSR_ASSESSMENT_MODEL_H

#include <jansson.h>

#include "store/store.h"
#include "util/buf.h"

typedef struct {
    ent_t item;               /* its rec_text: the recommendation as the assessment quotes it */
    ent_t rec;               /* the rec assessed, as of the view (rec.id NULL if hidden) */
    ent_t *signoffs;         /* active ones, with any dissent */
    size_t nsignoffs;
    ent_t *evidence;
    size_t nevidence;
} asm_item;

typedef struct {
    ent_t a;                 /* the assessment */
    asm_item *items;
    size_t n;
    /* Overview counts over the items. */
    size_t implemented[4];   /* full, partial, not, unknown */
    size_t relevant[3];      /* yes, no, not stated */
    size_t effect[5];        /* achieved, partial, not_achieved, cannot_assess, not stated */
    size_t approved, dissents;
} asm_model;

/* Load assessment id as seen from v; only_rec (may be NULL) keeps one item.
 * With public_only, restricted recs and evidence are left out. ERR_NOTFOUND
 * when the assessment (or only_rec's item) does not exist in that view. */
int asm_load(store_t *s, const view_t *v, const char *id, const char *only_rec, int public_only,
             arena_t *a, asm_model *m, err_t *e);

/* Index of a value in the item enums (for the counts); -1 when unset. */
int asm_implemented_index(const char *v);
int asm_effect_index(const char *v);

/* An item's evidence links and its sign-offs with any dissent, as HTML
 * (headings and lists), for the report and the assessment page. */
void asm_item_html_records(buf_t *b, const asm_item *it);

/* The assessment as JSON (new reference; NULL on OOM). */
json_t *asm_json(const asm_model *m, const view_t *v);

#endif
