/* doc_text.c — see doc_text.h. */
#include "import/doc_text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/date.h"
#include "util/hex.h"
#include "util/text.h"

int doc_split(const char *name, const char *text, size_t len, arena_t *a, doc_lines *out, err_t *e)
{
    if (len > DOC_MAX_BYTES) return err_set(e, ERR_TOOBIG, "%s: larger than %u bytes", name, DOC_MAX_BYTES);
    if (memchr(text, '\0', len)) return err_set(e, ERR_INPUT, "%s: binary data, not a text document", name);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { text += 3; len -= 3; }
    size_t cap = 1;
    for (size_t i = 0; i < len; i++) cap += text[i] == '\n' || text[i] == '\r';
    out->line = arena_alloc(a, sizeof(char *) * (cap + 1));
    out->n = 0;
    if (!out->line) return err_nomem(e);
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n' && text[i] != '\r') continue;
        if (i == len && start == len) break;   /* no empty line after a final newline */
        if (!utf8_valid(text + start, i - start))
            return err_set(e, ERR_INPUT, "%s:%zu: not valid UTF-8 text", name, out->n + 1);
        if (!(out->line[out->n++] = arena_strndup(a, text + start, i - start))) return err_nomem(e);
        if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
        start = i + 1;
    }
    return 0;
}

int doc_blank(const char *line)
{
    for (; *line; line++)
        if (*line != ' ' && *line != '\t' && *line != '\f' && *line != '\v') return 0;
    return 1;
}

void doc_clean(buf_t *b, const char *s)
{
    size_t start = b->len;
    int space = 0;
    /* Once no '>' (or "}}") follows, none will: stop looking, or a line of
     * many '<' would be read to its end once per '<'. */
    int no_gt = 0, no_braces = 0;
    while (*s) {
        if (*s == '<' && !no_gt) {
            const char *end = strchr(s, '>');
            if (end) { s = end + 1; space = 1; continue; }
            no_gt = 1;
        }
        if (s[0] == '{' && s[1] == '{' && !no_braces) {
            const char *end = strstr(s, "}}");
            if (end) { s = end + 2; space = 1; continue; }
            no_braces = 1;
        }
        if (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v' || *s == '\n' || *s == '\r') {
            space = 1;
            s++;
            continue;
        }
        if (space && b->len > start && !strchr(",.;:!?)", *s)) buf_putc(b, ' ');
        space = 0;
        buf_putc(b, *s++);
    }
}

char *doc_clean_str(arena_t *a, const char *s)
{
    if (!s) return NULL;   /* so that a failed copy can be passed straight in */
    buf_t b = BUF_INIT;
    doc_clean(&b, s);
    char *r = buf_ok(&b) ? arena_strdup(a, buf_str(&b)) : NULL;
    buf_free(&b);
    return r;
}

void doc_md_escape(buf_t *b, const char *s)
{
    int line_start = 1;
    for (; *s; s++) {
        if (strchr("\\`*_[]<>", *s) || (line_start && strchr("#+-=|", *s))) buf_putc(b, '\\');
        buf_putc(b, *s);
        line_start = *s == '\n';
    }
}

char *doc_title(arena_t *a, const char *text, size_t max)
{
    size_t n = strlen(text);
    /* The first sentence, when it is short enough ("e.g." does not end one). */
    for (size_t i = 0; i + 2 < n && i < max; i++) {
        if (text[i] != '.' || text[i + 1] != ' ' || i <= 20) continue;
        if ((i >= 3 && (strncmp(text + i - 3, "e.g", 3) == 0 || strncmp(text + i - 3, "i.e", 3) == 0 ||
                        strncmp(text + i - 3, "etc", 3) == 0)) || !(text[i + 2] >= 'A' && text[i + 2] <= 'Z'))
            continue;
        return arena_strndup(a, text, i);
    }
    if (n && text[n - 1] == '.' && n - 1 <= max) return arena_strndup(a, text, n - 1);
    if (n <= max) return arena_strdup(a, text);
    size_t cut = max - 3;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
    size_t space = cut;
    while (space > max / 2 && text[space] != ' ') space--;
    if (text[space] == ' ') cut = space;
    while (cut > 0 && strchr(" ,;:", text[cut - 1])) cut--;
    return arena_printf(a, "%.*s\xE2\x80\xA6", (int)cut, text);
}

/* The byte length of the first clause of s (up to a clause mark, see
 * doc_short_title); a sentence's end needs a capital after it. */
static size_t clause_len(const char *s)
{
    static const char *const marks[] = {", ", "; ", ": ", " (", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - "};
    size_t n = strlen(s), best = n;
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        const char *p = strstr(s, marks[m]);
        if (p && (size_t)(p - s) < best) best = (size_t)(p - s);
    }
    for (size_t i = 1; i + 2 < best; i++)
        if (s[i] == '.' && s[i + 1] == ' ' && s[i + 2] >= 'A' && s[i + 2] <= 'Z' &&
            !(i >= 3 && (strncmp(s + i - 3, "e.g", 3) == 0 || strncmp(s + i - 3, "i.e", 3) == 0)))
            return i;
    return best;
}

/* Skip the clause at s and the mark after it; NULL at the end. */
static const char *next_clause(const char *s)
{
    size_t n = clause_len(s);
    if (!s[n]) return NULL;
    s += n;
    while (*s && *s != ' ') s++;   /* the mark itself */
    while (*s == ' ' || *s == '(') s++;
    return *s ? s : NULL;
}

static int starts(const char *s, const char *word) { return strncmp(s, word, strlen(word)) == 0; }

/* Where the clause that says what should happen begins. */
static const char *main_clause(const char *s)
{
    static const char *const scene[] = {"Using ", "Once ", "If ", "When ", "While ", "As ", "Although ", "Given ",
                                        "In order ", "Following ", "Each time "};
    for (int guard = 0; guard < 8; guard++) {
        int is_scene = 0;
        for (size_t k = 0; k < sizeof scene / sizeof scene[0]; k++)
            is_scene |= strncasecmp(s, scene[k], strlen(scene[k])) == 0;
        size_t n = clause_len(s);
        for (size_t i = 0; guard && i + 3 < n; i++)   /* past the scene, a quoted restatement: ‘…’ or “…” */
            if (starts(s + i, "\xE2\x80\x98") || starts(s + i, "\xE2\x80\x9C")) return s + i + 3;
        const char *next = is_scene ? next_clause(s) : NULL;
        if (!next) return s;
        s = next;
    }
    return s;
}

static int small_word(const char *w, size_t n)
{
    static const char *const small[] = {"a", "an", "and", "or", "of", "the", "to", "for", "in", "on", "with",
                                        "by", "its", "their", "that", "as", "at", "from", "is", "be", "should", "related"};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        if (strlen(small[i]) == n && strncmp(small[i], w, n) == 0) return 1;
    return 0;
}

char *doc_short_title(arena_t *a, const char *text, size_t max)
{
    static const char *const subjects[] = {"ICANN org should ", "ICANN Org should ", "ICANN should ", "ICANN must ",
                                           "It is recommended that ", "The Review Team recommends that "};
    const char *s = main_clause(text);
    for (size_t k = 0; k < sizeof subjects / sizeof subjects[0]; k++)
        if (starts(s, subjects[k])) { s += strlen(subjects[k]); break; }
    size_t n = clause_len(s);
    if (n < 24 && s[n] && strncmp(s + n, ", ", 2) == 0) n += 2 + clause_len(s + n + 2);
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
        size_t sp = n;
        while (sp > max / 2 && s[sp] != ' ') sp--;
        if (s[sp] == ' ') n = sp;
    }
    for (;;) {   /* trailing punctuation and small words */
        while (n > 0 && (strchr(" ,;:.-(", s[n - 1]) ||
                         (n >= 3 && (strncmp(s + n - 3, "\xE2\x80\x99", 3) == 0 || strncmp(s + n - 3, "\xE2\x80\x98", 3) == 0))))
            n -= strchr(" ,;:.-(", s[n - 1]) ? 1 : 3;
        size_t w = n;
        while (w > 0 && s[w - 1] != ' ') w--;
        if (w == 0 || !small_word(s + w, n - w)) break;
        n = w;
    }
    if (n == 0) {   /* nothing left of the clause: the text's start, cut on a character */
        s = text;
        n = strlen(text) < max ? strlen(text) : max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    char *t = arena_strndup(a, s, n);
    if (t && t[0] >= 'a' && t[0] <= 'z') t[0] = (char)(t[0] - 'a' + 'A');
    return t;
}

void doc_fingerprint(const doc_lines *d, char hex[65])
{
    crypto_hash_sha256_state st;
    unsigned char h[32];
    crypto_hash_sha256_init(&st);
    for (size_t i = 0; i < d->n; i++) {
        crypto_hash_sha256_update(&st, (const unsigned char *)d->line[i], strlen(d->line[i]));
        crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
    }
    crypto_hash_sha256_final(&st, h);
    hex_encode(h, 32, hex);
}

const char *doc_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

int doc_date(const char *s, char out[11])
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    /* DAY MONTH YEAR, blanks between; strtol, unlike sscanf, is defined on
     * numbers too large for a long. */
    char *end;
    long day = strtol(s, &end, 10);
    if (end == s) return -1;
    const char *p = end;
    while (*p == ' ' || *p == '\t') p++;
    size_t n = strcspn(p, " \t\r\n\v\f");
    for (int m = 0; m < 12; m++) {
        if (strlen(months[m]) != n || strncmp(p, months[m], n) != 0) continue;
        const char *q = p + n;
        long year = strtol(q, &end, 10);
        if (end == q || day < 1 || day > 31 || year < 1000 || year > 9999) return -1;
        snprintf(out, 11, "%04ld-%02d-%02ld", year, m + 1, day);
        return date_valid(out) ? 0 : -1;
    }
    return -1;
}
