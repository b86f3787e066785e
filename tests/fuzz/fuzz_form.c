/* fuzz_form.c — the decoders for what a browser sends besides the request
 * line (web/http.c): a query or an application/x-www-form-urlencoded body
 * (http_parse_pairs, http_url_decode) and the Cookie header (http_cookie).
 * Pairs must come out as NUL-free UTF-8 and survive being encoded again;
 * cookies must be found as a plain reading of the header finds them. */
#include "fuzz.h"
#include "util/text.h"
#include "web/auth.h"
#include "web/http.h"

/* Percent-encode s, every byte but the unreserved ones. */
static void encode(buf_t *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c))
            buf_putc(b, (char)c);
        else
            buf_printf(b, "%%%02X", c);
    }
}

/* The cookie called name in header, read the plain way: segments between
 * ';', leading spaces dropped, the first "name=" wins. NULL when absent. */
static const char *cookie_ref(arena_t *a, const char *header, const char *name)
{
    size_t nl = strlen(name);
    for (const char *p = header; *p;) {
        while (*p == ' ' || *p == ';') p++;
        size_t len = strcspn(p, ";");
        if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') return arena_strndup(a, p + nl + 1, len - nl - 1);
        p += len;
    }
    return NULL;
}

static void check_cookie(arena_t *a, const char *header, const char *name)
{
    const char *got = http_cookie(a, header, name), *want = cookie_ref(a, header, name);
    FUZZ_CHECK((got == NULL) == (want == NULL));
    FUZZ_CHECK(!got || (strcmp(got, want) == 0 && !strchr(got, ';')));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_setup();
    arena_t *a = arena_new();
    FUZZ_CHECK(a != NULL);
    const char *s = (const char *)data;
    http_pair *p;
    int n;
    err_t e;
    if (http_parse_pairs(a, s, size, &p, &n, &e) == 0) {
        FUZZ_CHECK(n >= 0 && n <= HTTP_MAX_PARAMS);
        buf_t again = BUF_INIT;
        for (int i = 0; i < n; i++) {
            FUZZ_CHECK(utf8_valid(p[i].name, strlen(p[i].name)) && utf8_valid(p[i].value, strlen(p[i].value)));
            if (i) buf_putc(&again, '&');
            encode(&again, p[i].name);
            buf_putc(&again, '=');
            encode(&again, p[i].value);
        }
        FUZZ_CHECK(buf_ok(&again));
        /* Encoded again ("name=value", so even an empty pair is kept), the
         * pairs read back the same. */
        http_pair *q;
        int m;
        FUZZ_CHECK(http_parse_pairs(a, buf_str(&again), again.len, &q, &m, &e) == 0 && m == n);
        for (int i = 0; i < n; i++)
            FUZZ_CHECK(strcmp(p[i].name, q[i].name) == 0 && strcmp(p[i].value, q[i].value) == 0);
        buf_free(&again);
    } else {
        FUZZ_CHECK(e.code == ERR_INPUT || e.code == ERR_NOMEM);
    }
    /* Each decoding of the whole input either fails or is UTF-8 without NUL. */
    char *d = http_url_decode(a, s, size, 1);
    FUZZ_CHECK(!d || (utf8_valid(d, strlen(d)) && strlen(d) <= size));
    /* The input as a Cookie header: the session cookie and a short name. */
    char *header = fuzz_string(data, size);
    check_cookie(a, header, SESSION_COOKIE);
    check_cookie(a, header, "a");
    if (d && strlen(d) < 40 && *d && !strpbrk(d, "=; ")) check_cookie(a, header, d);
    free(header);
    arena_free(a);
    return 0;
}
