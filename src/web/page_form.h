/* page_form.h — what the pages' forms share: fields whose ids and labels
 * are distinct on the page (a hidden part of the label names the thing the
 * form changes, for screen readers), selects that show words and submit
 * codes (core/vocab.h), a form shown again after a refused post with what
 * was posted, its error message that takes the focus and links to the field
 * to fix, and the confirmation after a save. No scripts: focus moves by the
 * autofocus attribute. Everything is written to w's body through the
 * escaping formatter. */
#ifndef SSR_PAGE_FORM_H
#define SSR_PAGE_FORM_H

#include "web/handlers.h"

/* One field of form `form` (its id in the page): the input's id is
 * "FORM-NAME". context (may be NULL) is read after the label by screen
 * readers only ("Status of milestone SSR1-9~1"). */
typedef struct {
    const char *form, *name, *label, *context;
} form_field;

/* The value to show in a field: what was posted, when fe is this form's
 * error; dflt otherwise. */
const char *form_value(web_req *w, const form_error *fe, const char *form, const char *name, const char *dflt);

/* <label>LABEL <input id name type value ATTRS></label> (type "text" when NULL); attrs is markup we
 * wrote (may be NULL); value escaped. Marked invalid when fe names it. */
void form_input(web_req *w, const form_error *fe, const form_field *f, const char *type, const char *value,
                const char *attrs);
/* The same with a <textarea rows=ROWS>. */
void form_textarea(web_req *w, const form_error *fe, const form_field *f, int rows, const char *value);
/* A <select> of codes[0..n) each shown as vocab_label(vocab, code), the
 * selected one marked; a first option of value "" when none_label. */
void form_select(web_req *w, const form_error *fe, const form_field *f, const char *vocab,
                 const char *const *codes, int n, const char *selected, const char *none_label);
/* The effective date and reason every write carries. */
void form_effective_reason(web_req *w, const form_error *fe, const char *form, const char *context, int size);

/* When fe belongs to form: the message, in an alert that takes the focus
 * and links to the field to fix. */
void form_error_note(web_req *w, const form_error *fe, const char *form);
/* A confirmation after a save (text escaped), announced and focused. */
void form_saved_note(web_req *w, const char *text);

/* What a saved post saved: what is a word of the caller's ("status",
 * "milestone", ...), which the thing it names (a milestone, an item's rec),
 * or NULL. */
typedef struct {
    const char *what, *which;
} form_saved_t;

/* Post/redirect/get, confirmed once: 303 to page (its path, URL-escaped,
 * as the page's own links write it), setting a flash cookie (HttpOnly,
 * SameSite=Strict, Path of the page, one minute) that names sv and is bound
 * to this session and this page. For a post signed in by session. No
 * #fragment: browsers skip autofocus when the address targets an element,
 * and the confirmation's focus is what brings it into view. */
int form_saved_redirect(web_req *w, const char *page, const form_saved_t *sv);
/* On a GET of page by a user signed in by session who holds the flash
 * cookie of page: clears it in this answer (so a reload shows nothing) and,
 * when it was set for this session and page, fills *sv (arena strings) and
 * returns 1. 0 otherwise: a visitor, an API token, another user, another
 * page, no cookie. Such pages are never shared (Cache-Control: private,
 * no-store). */
int form_saved(web_req *w, const char *page, form_saved_t *sv);

/* A refused post shown again: the same page with fe at its form, as 422;
 * a failure that is not the user's input (or no such page) as an error
 * page. show renders the page for id. */
int form_refused(web_req *w, const err_t *e, const char *form, const char *const *fields,
                 int (*show)(web_req *w, const char *id, const form_error *fe), const char *page_path,
                 const char *id);

#endif
