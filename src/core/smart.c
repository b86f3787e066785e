/* smart.c — see smart.h. */
#include "core/smart.h"

#include <stdio.h>
#include <string.h>

#include "util/text.h"

const char *const smart_vague[] = {
    "appropriate", "appropriately", "timely", "comprehensive", "adequate", "adequately",
    "enough clarity", "continue to", "continue its", "sufficient", "effective", "effectively",
    "as needed", "where possible", "as necessary", "robust", "reasonable", "clear", "clearly",
    "encourage", "consider", "regularly", NULL,
};

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* 1 when phrase occurs in s as whole words. */
static int has_phrase(const char *s, const char *phrase)
{
    size_t n = strlen(phrase);
    for (const char *p = s; (p = ascii_casestr(p, phrase)) != NULL; p++)
        if ((p == s || !is_word_char(p[-1])) && !is_word_char(p[n])) return 1;
    return 0;
}

int smart_check(const smart_input *in, smart_finding *out)
{
    int n = 0;
    char words[200] = "";
    for (int i = 0; smart_vague[i]; i++) {
        if (!(in->title && has_phrase(in->title, smart_vague[i])) &&
            !(in->text && has_phrase(in->text, smart_vague[i])))
            continue;
        size_t used = strlen(words);
        snprintf(words + used, sizeof words - used, "%s'%s'", used ? ", " : "", smart_vague[i]);
    }
    if (*words) {
        out[n] = (smart_finding){"S1", "Specific", ""};
        snprintf(out[n++].detail, sizeof out[0].detail, "vague wording: %s", words);
    }
    if (!in->has_kpi_target) {
        out[n] = (smart_finding){"M1", "Measurable", ""};
        snprintf(out[n++].detail, sizeof out[0].detail, "no KPI with a target");
    }
    if (!in->owner || !*in->owner) {
        out[n] = (smart_finding){"A1", "Assignable", ""};
        snprintf(out[n++].detail, sizeof out[0].detail, "no owner");
    }
    if (!in->topic || !*in->topic) {
        out[n] = (smart_finding){"R1", "Relevant", ""};
        snprintf(out[n++].detail, sizeof out[0].detail, "no topic or objective");
    }
    if ((!in->due || !*in->due) && !in->has_dated_milestone) {
        out[n] = (smart_finding){"T1", "Trackable", ""};
        snprintf(out[n++].detail, sizeof out[0].detail, "no due date and no dated milestone");
    }
    return n;
}
