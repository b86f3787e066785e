/* digest_mail.c — a digest as an RFC 5322 message (RFC 2045-2049 MIME):
 * headers we write from validated addresses and our own words only (no text
 * from the data reaches a header), and two base64 parts, plain text and a
 * short HTML version made through the escaping formatter. */
#include "report/digest.h"

#include <sodium.h>
#include <string.h>

#include "ledger/sha256.h"
#include "util/fmt.h"
#include "util/hex.h"

static const char *const headings[DG_NSECTIONS] = {
    [DG_OVERDUE] = "Overdue",
    [DG_DUE] = "Due within 14 days",
    [DG_SIGNOFF] = "Awaiting your sign-off",
    [DG_CHANGE] = "New on what you watch",
};

/* "Wed, 02 Dec 2026 02:47:04 +0000" from a timestamp of util/date.h. */
static void rfc5322_date(const char *ts, buf_t *out)
{
    static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char date[DATE_SIZE];
    memcpy(date, ts, DATE_LEN);
    date[DATE_LEN] = '\0';
    long d = date_to_days(date);
    int m = (ts[5] - '0') * 10 + (ts[6] - '0');
    if (m < 1 || m > 12) m = 1;
    buf_printf(out, "%s, %.2s %s %.4s %.8s +0000", days[((d % 7) + 7) % 7], ts + 8, months[m - 1], ts, ts + 11);
}

/* body as base64 in lines of 76 characters (57 bytes each), each ending CRLF. */
static void base64_lines(const buf_t *body, buf_t *out)
{
    char line[80];
    for (size_t at = 0; at < body->len; at += 57) {
        size_t n = body->len - at > 57 ? 57 : body->len - at;
        sodium_bin2base64(line, sizeof line, (const unsigned char *)body->data + at, n, sodium_base64_VARIANT_ORIGINAL);
        buf_puts(out, line);
        buf_puts(out, "\r\n");
    }
}

static void text_part(const digest_t *d, const char *base_url, buf_t *t)
{
    bfmt(t, "What is due, overdue and new for %s, as of %s.\n", d->to->name, d->as_of);
    for (int sec = 0; sec < DG_NSECTIONS; sec++) {
        int first = 1;
        for (size_t i = 0; i < d->n; i++) {
            const digest_item *it = &d->items[i];
            if ((int)it->section != sec) continue;
            if (first) bfmt(t, "\n%s\n", headings[sec]);
            first = 0;
            bfmt(t, "- %s", it->what);
            if (it->title) bfmt(t, ": %s", it->title);
            if (it->detail) bfmt(t, " (%s)", it->detail);
            if (it->date) bfmt(t, ", %s %s", sec == DG_CHANGE ? "effective" : "due", it->date);
            bfmt(t, "\n  %s%s\n", base_url, it->path);
        }
    }
    bfmt(t, "\n-- \nSent by ssrtrack. Each item is sent once; what you watch is changed with\n"
            "'ssrtrack unwatch', an owner's address with 'ssrtrack contact set'.\n");
}

static void html_part(const digest_t *d, const char *base_url, buf_t *h)
{
    bfmt(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ssrtrack digest</title></head>"
            "<body>\n<p>What is due, overdue and new for %h, as of %h.</p>\n", d->to->name, d->as_of);
    for (int sec = 0; sec < DG_NSECTIONS; sec++) {
        int first = 1;
        for (size_t i = 0; i < d->n; i++) {
            const digest_item *it = &d->items[i];
            if ((int)it->section != sec) continue;
            if (first) bfmt(h, "<h2>%h</h2>\n<ul>\n", headings[sec]);
            first = 0;
            bfmt(h, "<li><a href=\"%h%h\">%h</a>", base_url, it->path, it->what);
            if (it->title) bfmt(h, ": %h", it->title);
            if (it->detail) bfmt(h, " (%h)", it->detail);
            if (it->date) bfmt(h, ", %h %h", sec == DG_CHANGE ? "effective" : "due", it->date);
            bfmt(h, "</li>\n");
        }
        if (!first) bfmt(h, "</ul>\n");
    }
    bfmt(h, "</body></html>\n");
}

/* Plain text lines end CRLF on the wire. */
static void crlf(const buf_t *in, buf_t *out)
{
    for (size_t i = 0; i < in->len; i++) {
        if (in->data[i] == '\n' && (i == 0 || in->data[i - 1] != '\r')) buf_putc(out, '\r');
        buf_putc(out, in->data[i]);
    }
}

static void headers(const digest_t *d, const char *from, const char *now, const char *id, buf_t *out)
{
    size_t count[DG_NSECTIONS] = {0};
    for (size_t i = 0; i < d->n; i++) count[d->items[i].section]++;
    buf_printf(out, "From: ssrtrack <%s>\r\nTo: <%s>\r\nSubject: ssrtrack: %zu overdue, %zu due soon, %zu to sign, %zu new\r\n",
               from, d->to->email, count[DG_OVERDUE], count[DG_DUE], count[DG_SIGNOFF], count[DG_CHANGE]);
    buf_puts(out, "Date: ");
    rfc5322_date(now, out);
    buf_printf(out, "\r\nMessage-ID: <%.32s@ssrtrack.invalid>\r\nAuto-Submitted: auto-generated\r\n"
                    "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"=_%.24s\"\r\n\r\n",
               id, id);
}

void digest_mail(const digest_t *d, const char *from, const char *base_url, const char *now, buf_t *out)
{
    buf_t text = BUF_INIT, wire = BUF_INIT, html = BUF_INIT;
    text_part(d, base_url, &text);
    crlf(&text, &wire);
    html_part(d, base_url, &html);
    /* The Message-ID and boundary: a hash of recipient, items and time. */
    sha256_ctx h;
    sha256_init(&h);
    sha256_update(&h, d->to->key, strlen(d->to->key) + 1);
    sha256_update(&h, now, strlen(now));
    for (size_t i = 0; i < d->n; i++) sha256_update(&h, d->items[i].key, strlen(d->items[i].key) + 1);
    unsigned char md[32];
    sha256_final(&h, md);
    char id[65];
    hex_encode(md, 32, id);
    headers(d, from, now, id, out);
    buf_printf(out, "--=_%.24s\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n", id);
    base64_lines(&wire, out);
    buf_printf(out, "--=_%.24s\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n", id);
    base64_lines(&html, out);
    buf_printf(out, "--=_%.24s--\r\n", id);
    if (!buf_ok(&text) || !buf_ok(&wire) || !buf_ok(&html)) out->failed = 1;
    buf_free(&text);
    buf_free(&wire);
    buf_free(&html);
}
