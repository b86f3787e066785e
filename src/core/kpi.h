/* kpi.h — KPIs as numbers: reading a KPI's fields, and the status rule.
 *
 * A KPI (entity.h, kind "kpi") has a direction (up: bigger is better; down:
 * smaller is better), an optional baseline (value, date), an optional target
 * (value, optional date) and an optional measuring frequency. Its
 * measurements are (value, date) points. kpi_evaluate gives its status on a
 * date; the rule is stated there and in docs/measures.md. Pure: no I/O, no
 * allocation; strings are borrowed from the caller. */
#ifndef SSR_KPI_H
#define SSR_KPI_H

#include <stddef.h>

#include "util/date.h"
#include "util/err.h"

typedef enum {
    KPI_ON_TRACK, KPI_AT_RISK, KPI_OFF_TRACK, KPI_ACHIEVED, KPI_STALE, KPI_NO_TARGET,
    KPI_STATUS_COUNT
} kpi_status;

typedef enum { KPI_UP, KPI_DOWN } kpi_direction;
typedef enum { FREQ_NONE, FREQ_MONTHLY, FREQ_QUARTERLY, FREQ_YEARLY } kpi_frequency;

/* How far behind the straight line from start to target a KPI may be, as a
 * share of the whole distance, and still count as on track / at risk. */
#define KPI_ON_TRACK_SLACK 0.10
#define KPI_AT_RISK_SLACK 0.25

typedef struct {
    double value;
    const char *date;     /* YYYY-MM-DD */
} kpi_point;

typedef struct {
    kpi_direction dir;
    kpi_frequency freq;
    int has_baseline;     /* baseline.date may be NULL: then the first measurement's date */
    kpi_point baseline;
    int has_target;
    kpi_point target;     /* target.date NULL: no deadline */
} kpi_spec;

typedef struct {
    kpi_status status;
    const char *why;            /* one line, static */
    int has_latest;
    kpi_point latest;           /* newest measurement on or before the date */
    int has_progress;
    double progress;            /* share of the way from start to target (may be < 0 or > 1) */
    int has_expected;
    double expected;            /* share of the way the straight line asks for at latest.date */
    char next_due[DATE_SIZE];   /* when the next measurement is due; "" without a frequency */
} kpi_eval;

const char *kpi_status_name(kpi_status s);   /* "on_track", ... */
const char *kpi_frequency_name(kpi_frequency f);   /* "monthly", ...; NULL for none */

/* Parse a number in the form the kpi fields keep (-?DIGITS[.DIGITS]); 0 or -1. */
int kpi_number(const char *s, double *out);

/* Split "V@DATE" (or "V" when date_optional) into its parts: *value points
 * into buf (at least strlen(in)+1 bytes), *date into buf or NULL. The value
 * must be a number and the date valid. ERR_INPUT names `what`. */
int kpi_value_at(const char *in, const char *what, int date_optional, char *buf,
                 const char **value, const char **date, err_t *e);

/* Build a spec from the canonical field values of a kpi (entity.h order,
 * KPI_NFIELDS values; NULL when unset). ERR_INPUT when a value is unreadable. */
int kpi_spec_from_fields(const char *const *v, kpi_spec *out, err_t *e);

/* A spec a KPI may be given: the target lies in its direction from the
 * baseline, and the target date follows the baseline date. ERR_INPUT. */
int kpi_spec_check(const kpi_spec *k, err_t *e);

/* 1 when the kpi fields set a target value: what SMART's Measurable asks for. */
int kpi_fields_have_target(const char *const *v);
/* What a KPI (its field values v) measures: its rec, else its review. */
const char *kpi_subject(const char *const *v);

/* The status of KPI k on date as_of, from its measurements m[0..n) (any
 * order; those dated after as_of are ignored). The rule, first match wins:
 *   1. stale      no measurement on or before as_of, or the newest is older
 *                 than one period of the frequency (as_of > newest + period)
 *   2. no_target  the KPI has no target value
 *   3. achieved   the newest value meets the target (up: >=, down: <=)
 *   4. off_track  the target date has passed (as_of > target date)
 *   5. progress p = (newest - start) / (target - start), where start is the
 *      baseline, else the first measurement. p < 0 (worse than the start):
 *      off_track. Without a target date: on_track.
 *   6. expected e = share of the time from the start date to the target date
 *      elapsed at the newest measurement's date, in [0, 1].
 *      p >= e - KPI_ON_TRACK_SLACK: on_track; p >= e - KPI_AT_RISK_SLACK:
 *      at_risk; otherwise off_track. */
void kpi_evaluate(const kpi_spec *k, const kpi_point *m, size_t n, const char *as_of,
                  kpi_eval *out);

/* date plus one period of f, clamped to the month's end (01-31 + 1 month =
 * 02-28/29). */
void kpi_period_end(const char *date, kpi_frequency f, char out[DATE_SIZE]);

#endif
