/* page_ledger.c — /ledger: the head of the hash chain and how anyone can
 * check that the log was only ever appended to. */
#include "util/fmt.h"
#include "util/hex.h"
#include "web/handlers.h"
#include "web/page.h"

int ledger_page(web_req *w, char **args)
{
    (void)args;
    long long seq;
    unsigned char head[32];
    char hex[65];
    store_head(w->db, &seq, head);
    hex_encode(head, 32, hex);
    buf_t *b = &w->res->body;
    page_begin(w, "Ledger");
    bfmt(b, "<h1>Ledger</h1>\n<p>Every change is a row of an append-only log. Each row's hash covers the row "
            "before it, so editing, removing or reordering any row changes every hash after it.</p>\n"
            "<dl class=\"facts\"><dt>Changes</dt><dd>%lld</dd><dt>Chain head</dt><dd><code>%h</code></dd></dl>\n"
            "<p>The byte encoding of a change and the hashing are specified in the project's docs/ledger.md, "
            "so that anyone can write a verifier. <code>ssrtrack verify</code> re-computes the chain.</p>\n",
         seq, seq ? hex : "(empty)");
    page_end(w);
    return 200;
}
