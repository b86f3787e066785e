/* smart.h — the SMART check of a recommendation (docs/smart.md). Pure.
 *
 *   S1 Specific    the title or text uses vague wording from smart_vague[]
 *   M1 Measurable  no KPI with a target
 *   A1 Assignable  no owner
 *   R1 Relevant    no topic (the objective the rec serves)
 *   T1 Trackable   no due date and no milestone with a due date */
#ifndef SSR_SMART_H
#define SSR_SMART_H

#include <stddef.h>

typedef struct {
    const char *title, *text, *owner, *topic, *due;
    int has_kpi_target;        /* a KPI of this rec has a target */
    int has_dated_milestone;   /* a milestone of this rec has a due date */
} smart_input;

typedef struct {
    const char *rule;          /* "S1" */
    const char *letter;        /* "Specific" */
    char detail[240];
} smart_finding;

#define SMART_MAX_FINDINGS 5

/* The vague words and phrases, NULL-terminated, matched as whole words
 * ignoring case. */
extern const char *const smart_vague[];

/* Fill out (room for SMART_MAX_FINDINGS) and return how many findings. */
int smart_check(const smart_input *in, smart_finding *out);

#endif
