/* ssr2_assessment.h — the SSR2 review team's assessment of the SSR1
 * recommendations, as text extracted from the PDF: per recommendation its
 * full text, the answers under the six questions (printed in pairs or one by
 * one), blocks headed RECOMMENDATION, and footnotes whose numbers are glued
 * to line ends and whose definitions sit at page feet.
 *
 * ssr2_parse builds a model without touching the database (the fuzzer drives
 * it); ssr2_apply writes it in one transaction. The mapping of questions to
 * fields and the verdict rules are in docs/import.md. */
#ifndef SSR_SSR2_ASSESSMENT_H
#define SSR_SSR2_ASSESSMENT_H

#include "import/doc_text.h"
#include "store/store.h"

typedef struct {
    int number;
    size_t line;
    const char *rec_text;                 /* the recommendation, as printed */
    const char *what_done, *how_assessed, *further_work;   /* Markdown, or NULL */
    const char *implemented, *effect, *relevant;           /* verdicts, or NULL */
    int *footnotes;                       /* numbers cited in this section */
    int nfootnotes;
    const char **drafts;                  /* RECOMMENDATION blocks, Markdown */
    int ndrafts;
    const char **inline_urls;             /* URLs cited in the text itself, each once */
    int ninline;
} ssr2_section;

#define SSR2_MAX_INLINE 32

typedef struct {
    int number;
    size_t line;
    const char *text;                     /* the note without its URLs */
    const char **urls;
    int nurls;
} ssr2_footnote;

typedef struct {
    char as_of[11];                       /* from "until the end of YEAR", or "" */
    int announced;                        /* "reviewed all N SSR1 recommendations", or 0 */
    ssr2_section *sec;
    int nsec;
    ssr2_footnote *fn;
    int nfn;
    char fingerprint[65];
} ssr2_doc;

int ssr2_parse(const char *name, const char *text, size_t len, arena_t *a, ssr2_doc *d, err_t *e);

/* The verdicts a text states unambiguously (NULL otherwise); exposed for tests. */
const char *ssr2_implemented_verdict(const char *text);
const char *ssr2_effect_verdict(const char *text);
const char *ssr2_relevant_verdict(const char *text);

typedef struct {
    const char *assessment;   /* default "BY-OF" */
    const char *by, *of;      /* default SSR2, SSR1 */
    const char *as_of;        /* default: the document's */
    const char *actor;
} ssr2_options;

typedef struct {
    char assessment[80], as_of[11];
    int items, recs_created, texts_filled, evidence, drafts, implemented, effect, relevant;
} ssr2_stats;

int ssr2_apply(store_t *s, const char *name, const ssr2_doc *d, const ssr2_options *o,
               ssr2_stats *st, err_t *e);
/* The same inside the caller's transaction (for the fuzzer, which rolls it
 * back); strings it writes are allocated in a, which must outlive the
 * caller's store_flush or store_commit. */
int ssr2_apply_tx(store_t *s, const char *name, const ssr2_doc *d, const ssr2_options *o,
                  arena_t *a, ssr2_stats *st, err_t *e);

#endif
