/* page_form.c — see page_form.h. */
#include "web/page_form.h"

#include <sodium.h>
#include <string.h>

#include "core/vocab.h"
#include "util/fmt.h"
#include "util/hex.h"

static int is_form(const form_error *fe, const char *form) { return fe && fe->form && strcmp(fe->form, form) == 0; }

const char *form_value(web_req *w, const form_error *fe, const char *form, const char *name, const char *dflt)
{
    if (!is_form(fe, form)) return dflt;
    const char *v = http_form(w->req, name);
    return v ? v : dflt;
}

/* The opening of a field: label text (and its hidden context), then the
 * control's id, name and, when fe names this field, aria-invalid. */
static void field_open(web_req *w, const form_error *fe, const form_field *f, const char *tag)
{
    buf_t *b = &w->res->body;
    bfmt(b, "<label>%h", f->label);
    if (f->context) bfmt(b, "<span class=\"vh\"> %h</span>", f->context);
    bfmt(b, " <%s id=\"%h-%h\" name=\"%h\"", tag, f->form, f->name, f->name);
    if (is_form(fe, f->form) && fe->field && strcmp(fe->field, f->name) == 0)
        bfmt(b, " aria-invalid=\"true\" aria-describedby=\"%h-error\"", f->form);
}

void form_input(web_req *w, const form_error *fe, const form_field *f, const char *type, const char *value,
                const char *attrs)
{
    buf_t *b = &w->res->body;
    field_open(w, fe, f, "input");
    bfmt(b, " type=\"%h\"", type ? type : "text");
    if (value) bfmt(b, " value=\"%h\"", value);
    if (attrs) bfmt(b, " %s", attrs);
    buf_puts(b, "></label> ");
}

void form_textarea(web_req *w, const form_error *fe, const form_field *f, int rows, const char *value)
{
    buf_t *b = &w->res->body;
    field_open(w, fe, f, "textarea");
    bfmt(b, " rows=\"%d\">%h</textarea></label> ", rows, value ? value : "");
}

void form_select(web_req *w, const form_error *fe, const form_field *f, const char *vocab,
                 const char *const *codes, int n, const char *selected, const char *none_label)
{
    buf_t *b = &w->res->body;
    field_open(w, fe, f, "select");
    buf_puts(b, ">");
    if (none_label) bfmt(b, "<option value=\"\">%h</option>", none_label);
    for (int i = 0; i < n; i++)
        bfmt(b, "<option value=\"%h\"%s>%h</option>", codes[i],
             selected && strcmp(selected, codes[i]) == 0 ? " selected" : "", vocab_label(vocab, codes[i]));
    buf_puts(b, "</select></label> ");
}

void form_effective_reason(web_req *w, const form_error *fe, const char *form, const char *context, int size)
{
    char today[DATE_SIZE];
    clock_today(today);
    char *max = arena_printf(w->a, "max=\"%s\" required", today);
    char *sz = arena_printf(w->a, "required size=\"%d\"", size);
    form_field eff = {form, "effective", "Effective", context}, why = {form, "reason", "Reason", context};
    form_input(w, fe, &eff, "date", form_value(w, fe, form, "effective", today), max ? max : "required");
    form_input(w, fe, &why, NULL, form_value(w, fe, form, "reason", NULL), sz ? sz : "required");
}

void form_error_note(web_req *w, const form_error *fe, const char *form)
{
    if (!is_form(fe, form)) return;
    bfmt(&w->res->body, "<p class=\"error\" id=\"%h-error\" role=\"alert\" tabindex=\"-1\" autofocus>Not saved: "
                        "<a href=\"#%h-%h\">%h</a></p>\n", form, form, fe->field ? fe->field : "", fe->message);
}

void form_saved_note(web_req *w, const char *text)
{
    bfmt(&w->res->body, "<p class=\"saved\" role=\"status\" tabindex=\"-1\" autofocus>%h</p>\n", text);
}

#define SAVED_COOKIE "ssrtrack-saved" /* also written out where it is set */
#define SAVED_MAX 400 /* bytes of a cookie value; longer ids get no confirmation */

/* The tag that binds a flash cookie's value to the session and the page:
 * 16 hex digits of SHA-256(session hash, page, NUL, value). */
static void saved_tag(const web_req *w, const char *page, const char *value, char out[17])
{
    crypto_hash_sha256_state st;
    unsigned char h[32];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, w->session, sizeof w->session);
    crypto_hash_sha256_update(&st, (const unsigned char *)page, strlen(page) + 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)value, strlen(value));
    crypto_hash_sha256_final(&st, h);
    hex_encode(h, 8, out);
}

/* The cookie's value is WHAT.WHICH.TAG, WHICH URL-escaped (WHAT is a word
 * of ours, TAG hex: neither holds a dot, so the first and last dots split
 * it). The cookie is Secure like the session's, which it needs. */
int form_saved_redirect(web_req *w, const char *page, const form_saved_t *sv)
{
    buf_t value = BUF_INIT, cookie = BUF_INIT;
    bfmt(&value, "%t.%t", sv->what, sv->which ? sv->which : "");
    int rc = 500;
    if (!buf_ok(&value)) goto done;
    if (w->user && !w->via_token && value.len <= SAVED_MAX) {
        char tag[17];
        saved_tag(w, page, buf_str(&value), tag);
        bfmt(&cookie, "ssrtrack-saved=%s.%s; Path=%s; Max-Age=60; Secure; HttpOnly; SameSite=Strict", buf_str(&value),
             tag, page);
        if (!buf_ok(&cookie) || http_add_header(w->res, w->a, "Set-Cookie", buf_str(&cookie))) goto done;
    }
    const char *to = arena_strdup(w->a, page);
    if (to) rc = web_redirect(w, to);
done:
    buf_free(&value);
    buf_free(&cookie);
    return rc == 500 ? web_error(w, 500, "no_memory", "out of memory") : rc;
}

int form_saved(web_req *w, const char *page, form_saved_t *sv)
{
    sv->what = sv->which = NULL;
    if (!w->user || w->via_token || strcmp(w->req->method, "GET") != 0) return 0;
    const char *c = http_cookie(w->a, http_header(w->req, "cookie"), SAVED_COOKIE);
    if (!c) return 0;
    /* Once: this answer clears it, shown or not. */
    char *clear = arena_printf(w->a, SAVED_COOKIE "=; Path=%s; Max-Age=0; Secure; HttpOnly; SameSite=Strict", page);
    if (clear) http_add_header(w->res, w->a, "Set-Cookie", clear);
    const char *dot = strchr(c, '.'), *last = strrchr(c, '.');
    if (!dot || last == dot || strlen(last + 1) != 16) return 0;
    char *value = arena_strndup(w->a, c, (size_t)(last - c)), tag[17];
    if (!value) return 0;
    saved_tag(w, page, value, tag);
    if (sodium_memcmp(tag, last + 1, 16) != 0) return 0;
    sv->what = arena_strndup(w->a, c, (size_t)(dot - c));
    sv->which = last > dot + 1 ? http_url_decode(w->a, dot + 1, (size_t)(last - dot - 1), 0) : NULL;
    return sv->what != NULL;
}

int form_refused(web_req *w, const err_t *e, const char *form, const char *const *fields,
                 int (*show)(web_req *w, const char *id, const form_error *fe), const char *page_path,
                 const char *id)
{
    int status = err_http_status(e);
    if (status != 400 && status != 409 && status != 413 && status != 422) return web_error_from(w, e);
    /* The field to fix: the first whose name the message mentions. */
    const char *field = fields[0];
    for (int i = 0; fields[i]; i++)
        if (strstr(e->msg, fields[i])) { field = fields[i]; break; }
    char msg[sizeof e->msg];
    snprintf(msg, sizeof msg, "%s", e->msg);
    form_error fe = {form, field, msg};
    /* The page as at its own address (its date form points there), today. */
    const http_request *asked = w->req;
    http_request page = *asked;
    page.path = page_path;
    page.params = NULL;
    page.nparams = 0;
    w->req = &page;
    buf_reset(&w->res->body);
    int rc = show(w, id, &fe);
    w->req = asked;
    if (rc != 200) return rc;
    w->res->status = 422;
    w->res->cacheable = 0;
    return 422;
}
