/* measure.h — the store's queries behind KPIs, the built-in indicators and
 * link health: documentation lags, "has a KPI with a target", and the
 * append-only table of link checks (link_checks, schema step 2).
 *
 * Memory: results are allocated in the caller's arena and live as long as it. */
#ifndef SSR_STORE_MEASURE_H
#define SSR_STORE_MEASURE_H

#include "core/indicator.h"
#include "store/store.h"

/* 1 when rec has, in view v, a KPI with a target value; 0 when not; -1 on
 * error. SMART's Measurable rule passes exactly when this is 1. */
int store_rec_has_kpi_target(store_t *s, const view_t *v, const char *rec, err_t *e);

/* The documentation lag, in whole days (date first reported minus date
 * effective; a row without a reported date counts its recorded date),
 * of every edit effective on or before as_of of the things that belong to
 * review (the review itself; its recs, their milestones, links and KPIs, the
 * KPIs' measurements; evidence on any of them or on an assessment item of
 * one of its recs). An edit is one thing's changes sharing an effective date
 * and a recorded time: setting five fields at once counts once. With
 * public_only, edits of things hidden from the public (core/visibility.h)
 * are left out. Read from the counts kept at each write (doc_lag_counts):
 * into *counts (arena-owned) each lag and its number of edits, ascending by
 * lag, none of them 0; *total is the number of edits. */
int store_doc_lags(store_t *s, const char *review, const char *as_of, int public_only, arena_t *a,
                   ind_count **counts, size_t *k, size_t *total, err_t *e);

/* The same lags found by the reference pass over the whole log in seq order
 * (no kept counts): every edit's lag, sorted ascending into *lags
 * (arena-owned). Tests compare store_doc_lags with it. */
int store_doc_lags_scan(store_t *s, const char *review, const char *as_of, int public_only, arena_t *a,
                        long **lags, size_t *n, err_t *e);

/* One check of one URL. Strings NULL when absent. */
typedef struct {
    const char *url;
    const char *checked_at;      /* normalised timestamp (date.h) */
    const char *outcome;         /* ok, moved, dead, blocked */
    int http_status;             /* 0: no HTTP response */
    const char *final_url;       /* after redirects */
    const char *sha256;          /* hex of the body read (up to the cap) */
    long long body_bytes;        /* bytes hashed; -1 when no body was read */
    int truncated;               /* the body was longer than the cap */
    int changed;                 /* the hash differs from the previous check's */
    const char *etag, *last_modified;
    const char *method;          /* "GET", "HEAD" or "HEAD+GET" */
    long elapsed_ms;
    const char *error;           /* one line; "" when none */
    /* Filled by store_link_latest only: */
    const char *last_alive;      /* checked_at of the newest ok/moved check, or NULL */
} link_check;

/* Append one check. Inside store_begin ... store_commit. */
int store_link_check_add(store_t *s, const link_check *c, err_t *e);

/* The newest check of every URL checked at or before `at` (a normalised
 * timestamp; NULL: ever), in URL order, into *out (arena-owned). With
 * with_body, the newest check that read a body (whose hash and validators
 * tell what the content was). */
int store_link_latest(store_t *s, const char *at, int with_body, arena_t *a, link_check **out,
                      size_t *n, err_t *e);

/* As store_link_latest (without with_body), for urls[0..nurls) only: one
 * indexed read per URL, not the whole table. Sorts urls in place; a URL
 * given twice, or never checked, adds no second entry or none. */
int store_link_latest_of(store_t *s, const char *at, const char **urls, size_t nurls, arena_t *a,
                         link_check **out, size_t *n, err_t *e);

/* The entry of list[0..n) (from store_link_latest or store_link_latest_of) for url, or NULL. */
const link_check *link_check_find(const link_check *list, size_t n, const char *url);

#endif
