/* note.c — C2SP signed notes, Ed25519 keys and tlog checkpoints; see note.h. */
#include "ledger/note.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hex.h"
#include "util/text.h"

#define ALG_ED25519 NOTE_ALG_ED25519
#define SIG_PREFIX "\xE2\x80\x94 "   /* em dash U+2014, then a space */
#define SIG_MAX_LINES 100

/* --- names and keys ------------------------------------------------------ */

/* Unicode white space that may not appear in a name, as UTF-8. */
static const char *const unicode_spaces[] = {
    "\xC2\x85", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF",
    "\xE2\x81\x9F", "\xE3\x80\x80", NULL};

int note_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > NOTE_NAME_MAX || !utf8_valid(name, n)) return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p <= ' ' || *p == '+' || *p == 0x7f) return 0;
    for (int i = 0; unicode_spaces[i]; i++)
        if (strstr(name, unicode_spaces[i])) return 0;
    /* U+2000 to U+200A: E2 80 80 to E2 80 8A. */
    for (const char *p = name; (p = strstr(p, "\xE2\x80")) != NULL; p += 2)
        if ((unsigned char)p[2] >= 0x80 && (unsigned char)p[2] <= 0x8A) return 0;
    return 1;
}

/* The key hash: SHA-256(name || 0x0A || alg || public key)[:4], big-endian. */
static uint32_t key_hash_alg(const char *name, unsigned char alg, const unsigned char pub[32])
{
    crypto_hash_sha256_state st;
    unsigned char h[32], sep[2] = {'\n', alg};
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
    crypto_hash_sha256_update(&st, sep, 2);
    crypto_hash_sha256_update(&st, pub, 32);
    crypto_hash_sha256_final(&st, h);
    return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

static uint32_t key_hash(const char *name, const unsigned char pub[32])
{
    return key_hash_alg(name, ALG_ED25519, pub);
}

static void set_name(note_verifier *v, const char *name)
{
    snprintf(v->name, sizeof v->name, "%s", name);
    v->id = key_hash(v->name, v->pub);
}

int note_keygen_alg(const char *name, unsigned char alg, note_signer *out, err_t *e)
{
    if (!note_name_valid(name))
        return err_set(e, ERR_INPUT, "'%.60s' cannot name a key (no spaces or '+', at most %d bytes)",
                       name, NOTE_NAME_MAX);
    crypto_sign_keypair(out->v.pub, out->sk);
    snprintf(out->v.name, sizeof out->v.name, "%s", name);
    out->v.id = key_hash_alg(out->v.name, alg, out->v.pub);
    return 0;
}

int note_keygen(const char *name, note_signer *out, err_t *e)
{
    return note_keygen_alg(name, ALG_ED25519, out, e);
}

int note_keygen_named_by_key(const char *prefix, note_signer *out, err_t *e)
{
    if (strlen(prefix) > NOTE_NAME_MAX - 16) return err_set(e, ERR_INPUT, "key name prefix too long");
    crypto_sign_keypair(out->v.pub, out->sk);
    char hex[17], name[NOTE_NAME_MAX + 1];
    hex_encode(out->v.pub, 8, hex);
    snprintf(name, sizeof name, "%s%s", prefix, hex);
    if (!note_name_valid(name)) {
        note_signer_wipe(out);
        return err_set(e, ERR_INPUT, "'%.60s' cannot name a key", name);
    }
    set_name(&out->v, name);
    return 0;
}

void note_signer_wipe(note_signer *k)
{
    sodium_memzero(k, sizeof *k);
}

void note_wipe(void *p, size_t n)
{
    if (p) sodium_memzero(p, n);
}

void note_base64(const unsigned char *in, size_t n, buf_t *out)
{
    size_t len = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    char tmp[256];
    if (len > sizeof tmp) { out->failed = 1; return; }
    sodium_bin2base64(tmp, len, in, n, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(out, tmp);
}

int note_unbase64(const char *s, size_t len, unsigned char *out, size_t n)
{
    size_t got = 0;
    const char *end = NULL;
    if (len != sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL) - 1) return -1;
    if (sodium_base642bin(out, n, s, len, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == n && end == s + len ? 0 : -1;
}

void note_verifier_format(const note_verifier *v, buf_t *out)
{
    note_verifier_format_alg(v, ALG_ED25519, out);
}

void note_verifier_format_alg(const note_verifier *v, unsigned char alg, buf_t *out)
{
    unsigned char raw[33];
    raw[0] = alg;
    memcpy(raw + 1, v->pub, 32);
    buf_printf(out, "%s+%08x+", v->name, (unsigned)v->id);
    note_base64(raw, sizeof raw, out);
}

void note_signer_format(const note_signer *k, buf_t *out)
{
    note_signer_format_alg(k, ALG_ED25519, out);
}

void note_signer_format_alg(const note_signer *k, unsigned char alg, buf_t *out)
{
    unsigned char raw[33];
    raw[0] = alg;
    memcpy(raw + 1, k->sk, 32);   /* the seed */
    buf_printf(out, "PRIVATE+KEY+%s+%08x+", k->v.name, (unsigned)k->v.id);
    note_base64(raw, sizeof raw, out);
    sodium_memzero(raw, sizeof raw);
}

/* Split "NAME+HASH+BASE64" (after trimming) into its parts: name copied to
 * v->name, the id parsed, *b64 and *b64len the rest. */
static int split_key(const char *text, note_verifier *v, const char **b64, size_t *b64len)
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r') text++;
    size_t len = strlen(text);
    while (len && strchr(" \t\r\n", text[len - 1])) len--;
    const char *p1 = memchr(text, '+', len);
    if (!p1) return -1;
    const char *p2 = memchr(p1 + 1, '+', len - (size_t)(p1 + 1 - text));
    if (!p2 || p2 - p1 - 1 != 8 || (size_t)(p1 - text) > NOTE_NAME_MAX) return -1;
    memcpy(v->name, text, (size_t)(p1 - text));
    v->name[p1 - text] = '\0';
    if (!note_name_valid(v->name)) return -1;
    char hex[9];
    memcpy(hex, p1 + 1, 8);
    hex[8] = '\0';
    unsigned char id[4];
    if (hex_decode(hex, id, 4) != 0) return -1;
    v->id = (uint32_t)id[0] << 24 | (uint32_t)id[1] << 16 | (uint32_t)id[2] << 8 | id[3];
    *b64 = p2 + 1;
    *b64len = len - (size_t)(p2 + 1 - text);
    return 0;
}

int note_verifier_parse(const char *text, note_verifier *out, err_t *e)
{
    return note_verifier_parse_alg(text, ALG_ED25519, out, e);
}

int note_verifier_parse_alg(const char *text, unsigned char alg, note_verifier *out, err_t *e)
{
    const char *b64;
    size_t n;
    unsigned char raw[33];
    if (strncmp(text, "PRIVATE+", 8) == 0)
        return err_set(e, ERR_INPUT, "that is a private key; give the public (verifier) key, "
                       "as 'ssrtrack key show' prints it");
    if (split_key(text, out, &b64, &n) != 0 || note_unbase64(b64, n, raw, sizeof raw) != 0 ||
        raw[0] != alg)
        return err_set(e, ERR_INPUT, alg == ALG_ED25519 ? "not an Ed25519 verifier key (NAME+HASH+BASE64)"
                                                        : "not an Ed25519 cosigner key (NAME+HASH+BASE64, type 0x04)");
    memcpy(out->pub, raw + 1, 32);
    if (key_hash_alg(out->name, alg, out->pub) != out->id)
        return err_set(e, ERR_INPUT, "verifier key: the key hash does not match the name and key");
    return 0;
}

int note_signer_parse(const char *text, note_signer *out, err_t *e)
{
    return note_signer_parse_alg(text, ALG_ED25519, out, e);
}

int note_signer_parse_alg(const char *text, unsigned char alg, note_signer *out, err_t *e)
{
    const char *b64;
    size_t n;
    unsigned char raw[33];
    int rc = -1;
    while (*text == ' ' || *text == '\n' || *text == '\r' || *text == '\t') text++;
    if (strncmp(text, "PRIVATE+KEY+", 12) != 0 || split_key(text + 12, &out->v, &b64, &n) != 0 ||
        note_unbase64(b64, n, raw, sizeof raw) != 0 || raw[0] != alg) {
        err_set(e, ERR_INPUT, "not an Ed25519 private key (PRIVATE+KEY+NAME+HASH+BASE64)");
        goto done;
    }
    crypto_sign_seed_keypair(out->v.pub, out->sk, raw + 1);
    if (key_hash_alg(out->v.name, alg, out->v.pub) != out->v.id) {
        err_set(e, ERR_INPUT, "private key: the key hash does not match the name and key");
        goto done;
    }
    rc = 0;
done:
    sodium_memzero(raw, sizeof raw);
    if (rc) note_signer_wipe(out);
    return rc;
}

/* --- notes --------------------------------------------------------------- */

/* Text a note may hold: UTF-8 without control characters but newline. */
static int note_text_ok(const char *s, size_t n)
{
    if (!utf8_valid(s, n)) return 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f) return 0;
    return 1;
}

int note_sign(const note_signer *k, const char *text, size_t n, buf_t *out, err_t *e)
{
    if (n == 0 || text[n - 1] != '\n' || !note_text_ok(text, n) ||
        (n >= 2 && memmem(text, n, "\n\n", 2)))
        return err_set(e, ERR_INPUT, "a note's text must be lines of UTF-8 ending in a newline");
    unsigned char sig[4 + crypto_sign_BYTES];
    sig[0] = (unsigned char)(k->v.id >> 24);
    sig[1] = (unsigned char)(k->v.id >> 16);
    sig[2] = (unsigned char)(k->v.id >> 8);
    sig[3] = (unsigned char)k->v.id;
    crypto_sign_detached(sig + 4, NULL, (const unsigned char *)text, n, k->sk);
    buf_append(out, text, n);
    buf_puts(out, "\n" SIG_PREFIX);
    buf_puts(out, k->v.name);
    buf_putc(out, ' ');
    note_base64(sig, sizeof sig, out);
    buf_putc(out, '\n');
    return buf_ok(out) ? 0 : err_nomem(e);
}

int note_open(const note_verifier *v, const char *note, size_t n, size_t *text_len, err_t *e)
{
    if (n > NOTE_MAX_BYTES) return err_set(e, ERR_TOOBIG, "signed note: longer than %d bytes", NOTE_MAX_BYTES);
    if (n == 0 || !note_text_ok(note, n)) return err_set(e, ERR_INPUT, "signed note: not UTF-8 lines without control characters");
    /* The signatures follow the last blank line. */
    const char *split = NULL;
    for (const char *p = note; (p = memmem(p, n - (size_t)(p - note), "\n\n", 2)) != NULL; p++)
        split = p;
    if (!split || note[n - 1] != '\n')
        return err_set(e, ERR_INPUT, "signed note: no signature lines after a blank line");
    size_t tlen = (size_t)(split - note) + 1;
    const char *p = split + 2, *end = note + n;
    int lines = 0, mine = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)(nl - p);
        if (++lines > SIG_MAX_LINES) return err_set(e, ERR_INPUT, "signed note: too many signatures");
        if (len < 4 || memcmp(p, SIG_PREFIX, 4) != 0)
            return err_set(e, ERR_INPUT, "signed note: line %d after the blank line is not a signature", lines);
        const char *name = p + 4, *sp = memchr(name, ' ', (size_t)(nl - name));
        if (!sp || sp == name) return err_set(e, ERR_INPUT, "signed note: malformed signature line %d", lines);
        /* The key hash is the first 4 bytes: the first 8 base64 digits. */
        unsigned char sig[4 + crypto_sign_BYTES];
        size_t b64len = (size_t)(nl - sp - 1), got = 0;
        const char *b64end = NULL;
        if (b64len < 8 || sodium_base642bin(sig, 6, sp + 1, 8, NULL, &got, &b64end,
                                            sodium_base64_VARIANT_ORIGINAL) != 0 || got != 6)
            return err_set(e, ERR_INPUT, "signed note: signature line %d is not base64", lines);
        uint32_t id = (uint32_t)sig[0] << 24 | (uint32_t)sig[1] << 16 | (uint32_t)sig[2] << 8 | sig[3];
        size_t nlen = (size_t)(sp - name);
        if (nlen == strlen(v->name) && memcmp(name, v->name, nlen) == 0 && id == v->id) {
            if (note_unbase64(sp + 1, b64len, sig, sizeof sig) != 0 ||
                crypto_sign_verify_detached(sig + 4, (const unsigned char *)note, tlen, v->pub) != 0)
                return err_set(e, ERR_INPUT, "signed note: the signature by %s is not valid", v->name);
            mine = 1;
            break;   /* the first line of this key decides */
        }
        p = nl + 1;
    }
    if (!mine) return err_set(e, ERR_INPUT, "signed note: not signed by the key %s+%08x", v->name, (unsigned)v->id);
    *text_len = tlen;
    return 0;
}

/* --- checkpoints --------------------------------------------------------- */

void checkpoint_format(const checkpoint_t *c, buf_t *out)
{
    buf_printf(out, "%s\n%llu\n", c->origin, (unsigned long long)c->size);
    note_base64(c->root, HASH_SIZE, out);
    buf_putc(out, '\n');
}

int checkpoint_parse(const char *text, size_t n, checkpoint_t *out, err_t *e)
{
    const char *line[3];
    size_t len[3];
    const char *p = text, *end = text + n;
    for (int i = 0; i < 3; i++) {
        const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        if (!nl) return err_set(e, ERR_INPUT, "checkpoint: expected origin, size and root hash lines");
        line[i] = p;
        len[i] = (size_t)(nl - p);
        p = nl + 1;
    }
    if (len[0] == 0 || len[0] > NOTE_NAME_MAX) return err_set(e, ERR_INPUT, "checkpoint: bad origin line");
    memcpy(out->origin, line[0], len[0]);
    out->origin[len[0]] = '\0';
    /* The size: decimal digits, no sign, no leading zero. */
    if (len[1] == 0 || len[1] > 19 || (len[1] > 1 && line[1][0] == '0'))
        return err_set(e, ERR_INPUT, "checkpoint: bad tree size line");
    uint64_t size = 0;
    for (size_t i = 0; i < len[1]; i++) {
        if (line[1][i] < '0' || line[1][i] > '9') return err_set(e, ERR_INPUT, "checkpoint: bad tree size line");
        size = size * 10 + (uint64_t)(line[1][i] - '0');
    }
    out->size = size;
    if (note_unbase64(line[2], len[2], out->root, HASH_SIZE) != 0)
        return err_set(e, ERR_INPUT, "checkpoint: the root hash is not 32 bytes of base64");
    return 0;
}

int checkpoint_open(const note_verifier *v, const char *note, size_t n, checkpoint_t *out, err_t *e)
{
    size_t text_len;
    if (note_open(v, note, n, &text_len, e) || checkpoint_parse(note, text_len, out, e)) return -1;
    if (strcmp(out->origin, v->name) != 0)
        return err_set(e, ERR_INPUT, "the checkpoint is of the log '%.80s', not '%s'", out->origin, v->name);
    return 0;
}
