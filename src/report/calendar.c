/* calendar.c — see calendar.h. Each content line is built whole, then
 * folded at 75 octets (never inside a UTF-8 sequence) with CRLF endings. */
#include "report/calendar.h"

#include <stdio.h>
#include <string.h>

#include "util/fmt.h"

void ics_text(buf_t *out, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') { buf_putc(out, '\\'); buf_putc(out, (char)c); }
        else if (c == '\n') buf_puts(out, "\\n");
        else if (c >= 0x20 && c != 0x7f) buf_putc(out, (char)c);
    }
}

/* Write line folded: at most 75 octets per physical line. */
static void fold(buf_t *out, const buf_t *line)
{
    const char *p = line->data ? line->data : "";
    size_t n = line->len, col = 0;
    for (size_t i = 0; i < n;) {
        size_t len = 1;
        unsigned char c = (unsigned char)p[i];
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        if (i + len > n) len = n - i;
        if (col + len > 75) { buf_puts(out, "\r\n "); col = 1; }
        buf_append(out, p + i, len);
        col += len;
        i += len;
    }
    buf_puts(out, "\r\n");
}

/* YYYYMMDD from YYYY-MM-DD. */
static void basic_date(const char *d, char out[9])
{
    memcpy(out, d, 4);
    memcpy(out + 4, d + 5, 2);
    memcpy(out + 6, d + 8, 2);
    out[8] = '\0';
}

typedef struct {
    const char *kind, *id, *rec, *title, *due, *status, *what;
} event;

static void vevent(buf_t *out, const event *ev, const calendar_opts *o, const char *stamp)
{
    char start[9], end[9], next[DATE_SIZE];
    basic_date(ev->due, start);
    date_add_days(ev->due, 1, next);
    basic_date(next, end);
    buf_t line = BUF_INIT;
    buf_puts(out, "BEGIN:VEVENT\r\n");
    buf_puts(&line, "UID:");
    ics_text(&line, ev->kind);
    buf_putc(&line, '-');
    ics_text(&line, ev->id);
    buf_puts(&line, "@ssrtrack");
    fold(out, &line);
    buf_printf(out, "DTSTAMP:%s\r\nDTSTART;VALUE=DATE:%s\r\nDTEND;VALUE=DATE:%s\r\nTRANSP:TRANSPARENT\r\n", stamp, start,
               end);
    buf_reset(&line);
    buf_puts(&line, "SUMMARY:");
    ics_text(&line, ev->id);
    buf_puts(&line, " due: ");
    ics_text(&line, ev->title);
    fold(out, &line);
    buf_reset(&line);
    buf_puts(&line, "DESCRIPTION:");
    ics_text(&line, ev->what);
    buf_puts(&line, " ");
    ics_text(&line, ev->id);
    if (strcmp(ev->id, ev->rec) != 0) {
        buf_puts(&line, " of recommendation ");
        ics_text(&line, ev->rec);
    }
    buf_puts(&line, "\\, status: ");
    ics_text(&line, ev->status ? ev->status : "not_started");
    fold(out, &line);
    if (o->base_url) {
        buf_reset(&line);
        bfmt(&line, "URL:%s/recs/%t", o->base_url, ev->rec);
        fold(out, &line);
    }
    buf_puts(out, "END:VEVENT\r\n");
    if (!buf_ok(&line)) out->failed = 1;
    buf_free(&line);
}

/* The events of one rec: its own due date and its milestones'. */
static int rec_events(store_t *s, const view_t *v, store_vis *vis, const ent_t *r, const calendar_opts *o,
                      const char *stamp, arena_t *a, buf_t *out, err_t *e)
{
    if (r->v[REC_DUE]) {
        event ev = {"rec", r->id, r->id, r->v[REC_TITLE], r->v[REC_DUE], r->v[REC_STATUS], "Recommendation"};
        vevent(out, &ev, o, stamp);
    }
    ent_t *ms;
    size_t n;
    if (store_list(s, &kind_milestone, v, MS_REC, r->id, a, &ms, &n, e)) return -1;
    for (size_t i = 0; i < n; i++) {
        if (!ms[i].v[MS_DUE]) continue;
        int hidden = store_vis_hidden(vis, &kind_milestone, ms[i].id);
        if (hidden < 0) return -1;
        if (hidden) continue;
        event ev = {"milestone", ms[i].id, r->id, ms[i].v[MS_TITLE], ms[i].v[MS_DUE], ms[i].v[MS_STATUS], "Milestone"};
        vevent(out, &ev, o, stamp);
    }
    return 0;
}

int calendar_ics(store_t *s, const view_t *v, const calendar_opts *o, arena_t *a, buf_t *out, err_t *e)
{
    ent_t *recs;
    size_t n;
    if (store_list(s, &kind_rec, v, o->review ? REC_REVIEW : -1, o->review, a, &recs, &n, e)) return -1;
    store_vis *vis = store_vis_new(s, e);
    if (!vis) return -1;
    char now[TS_SIZE], stamp[17];
    clock_now(now);
    /* 2026-12-02T02:47:04.000000Z -> 20261202T024704Z */
    snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now, now + 5, now + 8, now + 11, now + 14, now + 17);
    buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ssrtrack//due dates//EN\r\nCALSCALE:GREGORIAN\r\n"
                  "METHOD:PUBLISH\r\n");
    buf_t line = BUF_INIT;
    buf_puts(&line, "X-WR-CALNAME:ssrtrack due dates");
    if (o->review) { buf_puts(&line, " of "); ics_text(&line, o->review); }
    if (o->owner) { buf_puts(&line, " owned by "); ics_text(&line, o->owner); }
    fold(out, &line);
    buf_free(&line);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *owner = recs[i].v[REC_OWNER];
        if (o->owner && (!owner || strcmp(owner, o->owner) != 0)) continue;
        int hidden = store_vis_hidden(vis, &kind_rec, recs[i].id);
        if (hidden) { rc = hidden < 0 ? -1 : 0; continue; }
        rc = rec_events(s, v, vis, &recs[i], o, stamp, a, out, e);
    }
    store_vis_free(vis);
    buf_puts(out, "END:VCALENDAR\r\n");
    return rc;
}
