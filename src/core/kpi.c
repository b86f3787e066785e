/* kpi.c — KPI values, specs and the status rule; see kpi.h. */
#include "core/kpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"

static const char *const status_names[KPI_STATUS_COUNT] = {
    "on_track", "at_risk", "off_track", "achieved", "stale", "no_target"};

const char *kpi_status_name(kpi_status s)
{
    return s >= 0 && s < KPI_STATUS_COUNT ? status_names[s] : NULL;
}

const char *kpi_frequency_name(kpi_frequency f)
{
    switch (f) {
    case FREQ_MONTHLY: return "monthly";
    case FREQ_QUARTERLY: return "quarterly";
    case FREQ_YEARLY: return "yearly";
    case FREQ_NONE: break;
    }
    return NULL;
}

int kpi_number(const char *s, double *out)
{
    const char *p = s;
    if (!s) return -1;
    if (*p == '-') p++;
    if (*p < '0' || *p > '9') return -1;
    while (*p >= '0' && *p <= '9') p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9') return -1;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p) return -1;
    *out = strtod(s, NULL);
    return 0;
}

int kpi_value_at(const char *in, const char *what, int date_optional, char *buf,
                 const char **value, const char **date, err_t *e)
{
    double d;
    strcpy(buf, in);
    char *at = strchr(buf, '@');
    if (at) *at = '\0';
    *value = buf;
    *date = at ? at + 1 : NULL;
    if (kpi_number(buf, &d) != 0)
        return err_set(e, ERR_INPUT, "%s: '%.40s' is not a number (like 12 or -0.5)", what, buf);
    if (!at && !date_optional)
        return err_set(e, ERR_INPUT, "%s: '%.60s' is not VALUE@DATE (like 40@2014-03-18)", what, in);
    if (at && !date_valid(at + 1))
        return err_set(e, ERR_INPUT, "%s: '%.40s' is not a valid date (YYYY-MM-DD)", what, at + 1);
    return 0;
}

int kpi_fields_have_target(const char *const *v)
{
    return v[KPI_TARGET] && *v[KPI_TARGET];
}

int kpi_spec_from_fields(const char *const *v, kpi_spec *out, err_t *e)
{
    memset(out, 0, sizeof *out);
    out->dir = v[KPI_DIRECTION] && strcmp(v[KPI_DIRECTION], "down") == 0 ? KPI_DOWN : KPI_UP;
    const char *f = v[KPI_FREQUENCY];
    out->freq = !f ? FREQ_NONE
              : strcmp(f, "monthly") == 0 ? FREQ_MONTHLY
              : strcmp(f, "quarterly") == 0 ? FREQ_QUARTERLY
              : strcmp(f, "yearly") == 0 ? FREQ_YEARLY : FREQ_NONE;
    if (v[KPI_BASELINE] && *v[KPI_BASELINE]) {
        if (kpi_number(v[KPI_BASELINE], &out->baseline.value))
            return err_set(e, ERR_INPUT, "baseline '%.40s' is not a number", v[KPI_BASELINE]);
        out->has_baseline = 1;
        out->baseline.date = v[KPI_BASELINE_DATE] && *v[KPI_BASELINE_DATE] ? v[KPI_BASELINE_DATE] : NULL;
    }
    if (kpi_fields_have_target(v)) {
        if (kpi_number(v[KPI_TARGET], &out->target.value))
            return err_set(e, ERR_INPUT, "target '%.40s' is not a number", v[KPI_TARGET]);
        out->has_target = 1;
        out->target.date = v[KPI_TARGET_DATE] && *v[KPI_TARGET_DATE] ? v[KPI_TARGET_DATE] : NULL;
    }
    return 0;
}

int kpi_spec_check(const kpi_spec *k, err_t *e)
{
    if (!k->has_baseline || !k->has_target) return 0;
    double gain = k->dir == KPI_UP ? k->target.value - k->baseline.value
                                   : k->baseline.value - k->target.value;
    if (gain <= 0)
        return err_set(e, ERR_INPUT, "the target must be %s the baseline for a KPI whose direction is %s",
                       k->dir == KPI_UP ? "above" : "below", k->dir == KPI_UP ? "up" : "down");
    if (k->baseline.date && k->target.date && strcmp(k->target.date, k->baseline.date) <= 0)
        return err_set(e, ERR_INPUT, "the target date %s must follow the baseline date %s",
                       k->target.date, k->baseline.date);
    return 0;
}

void kpi_period_end(const char *date, kpi_frequency f, char out[DATE_SIZE])
{
    static const int months_of[] = {0, 1, 3, 12};
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    m += months_of[f];
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    int last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (d > last) d = last;
    /* Dates are validated years 1000-9999; a period past 9999 stays in range. */
    if (y > 9999) { y = 9999; m = 12; d = 31; }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, DATE_SIZE);
}

/* The index of the newest point on or before as_of (latest date; the last
 * given wins a tie), and of the oldest; -1 when none. */
static void ends(const kpi_point *m, size_t n, const char *as_of, long *first, long *last)
{
    *first = *last = -1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(m[i].date, as_of) > 0) continue;
        if (*last < 0 || strcmp(m[i].date, m[*last].date) >= 0) *last = (long)i;
        if (*first < 0 || strcmp(m[i].date, m[*first].date) < 0) *first = (long)i;
    }
}

static kpi_status set(kpi_eval *out, kpi_status s, const char *why)
{
    out->status = s;
    out->why = why;
    return s;
}

void kpi_evaluate(const kpi_spec *k, const kpi_point *m, size_t n, const char *as_of,
                  kpi_eval *out)
{
    memset(out, 0, sizeof *out);
    long first, last;
    ends(m, n, as_of, &first, &last);
    if (last < 0) { set(out, KPI_STALE, "no measurement yet"); return; }
    out->has_latest = 1;
    out->latest = m[last];
    if (k->freq != FREQ_NONE) {
        kpi_period_end(out->latest.date, k->freq, out->next_due);
        if (strcmp(as_of, out->next_due) > 0) {
            set(out, KPI_STALE, "no measurement within the frequency");
            return;
        }
    }
    if (!k->has_target) { set(out, KPI_NO_TARGET, "no target set"); return; }

    double now = out->latest.value, goal = k->target.value;
    if (k->dir == KPI_UP ? now >= goal : now <= goal) {
        set(out, KPI_ACHIEVED, "the newest measurement meets the target");
        return;
    }
    if (k->target.date && strcmp(as_of, k->target.date) > 0) {
        set(out, KPI_OFF_TRACK, "the target date has passed");
        return;
    }
    kpi_point start = k->has_baseline ? k->baseline : m[first];
    if (!start.date) start.date = m[first].date;
    double span = goal - start.value;
    /* The start already met the target: it has fallen back since. */
    if (k->dir == KPI_UP ? span <= 0 : span >= 0) {
        set(out, KPI_OFF_TRACK, "worse than at the start");
        return;
    }
    out->has_progress = 1;
    out->progress = (now - start.value) / span;
    if (out->progress < 0) { set(out, KPI_OFF_TRACK, "worse than at the start"); return; }
    if (!k->target.date) { set(out, KPI_ON_TRACK, "better than at the start; no target date"); return; }

    long d0 = date_to_days(start.date), d1 = date_to_days(k->target.date);
    long dt = date_to_days(out->latest.date);
    double e = d1 <= d0 ? 1.0 : (double)(dt - d0) / (double)(d1 - d0);
    if (e < 0) e = 0;
    if (e > 1) e = 1;
    out->has_expected = 1;
    out->expected = e;
    /* A hair of tolerance so that 0.4 >= 0.5 - 0.1 holds in binary floating point. */
    const double eps = 1e-9;
    if (out->progress >= e - KPI_ON_TRACK_SLACK - eps) set(out, KPI_ON_TRACK, "on or near the line to the target");
    else if (out->progress >= e - KPI_AT_RISK_SLACK - eps) set(out, KPI_AT_RISK, "behind the line to the target");
    else set(out, KPI_OFF_TRACK, "far behind the line to the target");
}

const char *kpi_subject(const char *const *v) { return v[KPI_REC] ? v[KPI_REC] : v[KPI_REVIEW]; }
