/* flat_json.c — see flat_json.h. RFC 8259 syntax, restricted to flat objects. */
#include "import/flat_json.h"

#include <string.h>

typedef struct {
    const char *p, *start, *end;
    flat_object *o;
} cursor;

static int fail(cursor *c, const char *what)
{
    c->o->error = what;
    c->o->error_at = (size_t)(c->p - c->start);
    return -1;
}

static void ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9') v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f') v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F') v |= (unsigned)(ch - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(buf_t *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    buf_append(b, u, n);
}

/* Read a string at c->p ('"') into the text buffer; *off gets its offset. */
static int string(cursor *c, size_t *off)
{
    buf_t *b = &c->o->text;
    c->p++;
    *off = b->len;
    for (;;) {
        const char *run = c->p;
        while (c->p < c->end && *c->p != '"' && *c->p != '\\' && (unsigned char)*c->p >= 0x20) c->p++;
        buf_append(b, run, (size_t)(c->p - run));
        if (c->p >= c->end) return fail(c, "unterminated string");
        if (*c->p == '"') { c->p++; break; }
        if ((unsigned char)*c->p < 0x20) return fail(c, "control character in a string");
        if (c->end - c->p < 2) return fail(c, "unterminated string");
        char esc = c->p[1];
        c->p += 2;
        switch (esc) {
        case '"': buf_putc(b, '"'); break;
        case '\\': buf_putc(b, '\\'); break;
        case '/': buf_putc(b, '/'); break;
        case 'b': buf_putc(b, '\b'); break;
        case 'f': buf_putc(b, '\f'); break;
        case 'n': buf_putc(b, '\n'); break;
        case 'r': buf_putc(b, '\r'); break;
        case 't': buf_putc(b, '\t'); break;
        case 'u': {
            unsigned cp;
            if (c->end - c->p < 4 || hex4(c->p, &cp)) return fail(c, "bad \\u escape");
            c->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' || hex4(c->p + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return fail(c, "unpaired surrogate in a \\u escape");
                c->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(c, "unpaired surrogate in a \\u escape");
            }
            if (cp == 0) return fail(c, "NUL character in a string");
            put_utf8(b, cp);
            break;
        }
        default:
            return fail(c, "bad escape in a string");
        }
    }
    buf_putc(b, '\0');
    if (!buf_ok(b)) {
        c->o->nomem = 1;
        return fail(c, "out of memory");
    }
    return 0;
}

static int literal(cursor *c, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0) return fail(c, "invalid value");
    c->p += n;
    return 0;
}

static int integer(cursor *c, long long *out)
{
    int neg = 0;
    if (c->p < c->end && *c->p == '-') { neg = 1; c->p++; }
    if (c->p >= c->end || *c->p < '0' || *c->p > '9') return fail(c, "invalid value");
    if (*c->p == '0' && c->p + 1 < c->end && c->p[1] >= '0' && c->p[1] <= '9')
        return fail(c, "leading zero in a number");
    long long v = 0;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
        if (v > (9223372036854775807LL - 9) / 10) return fail(c, "number too large");
        v = v * 10 + (*c->p++ - '0');
    }
    if (c->p < c->end && (*c->p == '.' || *c->p == 'e' || *c->p == 'E'))
        return fail(c, "only whole numbers are expected here");
    *out = neg ? -v : v;
    return 0;
}

size_t flat_parse(flat_object *o, const char *data, size_t len)
{
    cursor c = {data, data, data + len, o};
    size_t keyoff[FLAT_MAX_MEMBERS], valoff[FLAT_MAX_MEMBERS];
    o->n = 0;
    o->error = NULL;
    o->nomem = 0;
    buf_reset(&o->text);
    if (c.p >= c.end || *c.p != '{') return fail(&c, "expected an object"), 0;
    c.p++;
    ws(&c);
    if (c.p < c.end && *c.p == '}') { c.p++; return (size_t)(c.p - data); }
    for (;;) {
        ws(&c);
        if (c.p >= c.end) return fail(&c, "unexpected end of input"), 0;
        if (*c.p != '"') return fail(&c, "expected a member name"), 0;
        if (o->n == FLAT_MAX_MEMBERS) return fail(&c, "too many members"), 0;
        flat_member *m = &o->m[o->n];
        if (string(&c, &keyoff[o->n])) return 0;
        ws(&c);
        if (c.p >= c.end || *c.p != ':') return fail(&c, "expected ':'"), 0;
        c.p++;
        ws(&c);
        if (c.p >= c.end) return fail(&c, "unexpected end of input"), 0;
        valoff[o->n] = (size_t)-1;
        switch (*c.p) {
        case '"': m->type = FJ_STRING; if (string(&c, &valoff[o->n])) return 0; break;
        case 't': m->type = FJ_TRUE; if (literal(&c, "true")) return 0; break;
        case 'f': m->type = FJ_FALSE; if (literal(&c, "false")) return 0; break;
        case 'n': m->type = FJ_NULL; if (literal(&c, "null")) return 0; break;
        case '{': case '[': return fail(&c, "nested values are not expected here"), 0;
        default: m->type = FJ_INT; if (integer(&c, &m->num)) return 0; break;
        }
        o->n++;
        ws(&c);
        if (c.p >= c.end) return fail(&c, "unexpected end of input"), 0;
        if (*c.p == ',') { c.p++; continue; }
        if (*c.p == '}') { c.p++; break; }
        return fail(&c, "expected ',' or '}'"), 0;
    }
    /* The buffer may have moved while growing: point into it only now. */
    for (int i = 0; i < o->n; i++) {
        o->m[i].key = o->text.data + keyoff[i];
        o->m[i].str = valoff[i] != (size_t)-1 ? o->text.data + valoff[i] : NULL;
        for (int j = 0; j < i; j++)
            if (strcmp(o->m[j].key, o->m[i].key) == 0) {
                o->error = "duplicate member name";
                o->error_at = 0;
                return 0;
            }
    }
    return (size_t)(c.p - data);
}

void flat_free(flat_object *o) { buf_free(&o->text); }

const flat_member *flat_get(const flat_object *o, const char *key)
{
    for (int i = 0; i < o->n; i++)
        if (strcmp(o->m[i].key, key) == 0) return &o->m[i];
    return NULL;
}
