/* Tests of src/ledger/note.c: the known answer of the reference signed-note
 * implementation (Go's golang.org/x/mod/sumdb/note documents this key,
 * text and signed note), our own keys, tampered notes, checkpoints. */
#include "test.h"
#include "ledger/note.h"

#include <sodium.h>

static const char skey[] = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
static const char vkey[] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
static const char text[] = "If you think cryptography is the answer to your problem,\n"
                           "then you don't know what your problem is.\n";
static const char signed_note[] =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xE2\x80\x94 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(reference_key_and_note)
{
    CHECK(sodium_init() >= 0);
    note_signer k;
    note_verifier v;
    err_t e;
    buf_t b = BUF_INIT;
    CHECK(note_signer_parse(skey, &k, &e) == 0);
    CHECK(note_verifier_parse(vkey, &v, &e) == 0);
    CHECK(memcmp(k.v.pub, v.pub, 32) == 0);
    CHECK_INT(v.id, 0xc74f20a3);
    note_verifier_format(&k.v, &b);
    CHECK_STR(buf_str(&b), vkey);
    buf_reset(&b);
    note_signer_format(&k, &b);
    CHECK_STR(buf_str(&b), skey);
    buf_reset(&b);
    CHECK(note_sign(&k, text, strlen(text), &b, &e) == 0);
    CHECK_STR(buf_str(&b), signed_note);   /* Ed25519 is deterministic */
    size_t tl;
    CHECK(note_open(&v, signed_note, strlen(signed_note), &tl, &e) == 0);
    CHECK_INT(tl, strlen(text));
    note_signer_wipe(&k);
    CHECK(k.sk[0] == 0 && k.v.pub[0] == 0);
    buf_free(&b);
}

TEST(tampered_notes_are_refused)
{
    note_verifier v, other;
    note_signer k2;
    err_t e;
    size_t tl;
    char n[sizeof signed_note];
    CHECK(note_verifier_parse(vkey, &v, &e) == 0);
    /* Each byte of the text changed: the signature no longer holds. */
    for (size_t i = 0; i < strlen(text); i++) {
        memcpy(n, signed_note, sizeof n);
        n[i] = n[i] == 'x' ? 'y' : 'x';
        if (n[i] == '\n' || signed_note[i] == '\n') continue;
        CHECK(note_open(&v, n, strlen(n), &tl, &e) != 0);
    }
    /* A flipped signature bit. */
    memcpy(n, signed_note, sizeof n);
    char *sig = strstr(n, "x08go") + 10;
    *sig = *sig == 'A' ? 'B' : 'A';
    CHECK(note_open(&v, n, strlen(n), &tl, &e) != 0);
    CHECK(strstr(e.msg, "not valid") != NULL);
    /* Another key with the same name: its key hash differs, so no signature of it. */
    CHECK(note_keygen("PeterNeumann", &k2, &e) == 0);
    other = k2.v;
    CHECK(note_open(&other, signed_note, strlen(signed_note), &tl, &e) != 0);
    CHECK(strstr(e.msg, "not signed by") != NULL);
    /* Signed by the other key, opened with the first. */
    buf_t b = BUF_INIT;
    CHECK(note_sign(&k2, text, strlen(text), &b, &e) == 0);
    CHECK(note_open(&v, b.data, b.len, &tl, &e) != 0);
    CHECK(note_open(&other, b.data, b.len, &tl, &e) == 0);
    buf_free(&b);
    /* No blank line, no signature, garbage lines, control characters. */
    CHECK(note_open(&v, text, strlen(text), &tl, &e) != 0);
    const char *bad[] = {"a\n\n", "a\n\nnot a signature\n", "a\n\n\xE2\x80\x94 PeterNeumann !!!!\n",
                         "a\x01\n\n\xE2\x80\x94 PeterNeumann x08go/ZJ\n", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK(note_open(&v, bad[i], strlen(bad[i]), &tl, &e) != 0);
    note_signer_wipe(&k2);
}

TEST(keys_round_trip_and_bad_keys)
{
    note_signer k, k2;
    note_verifier v;
    err_t e;
    buf_t b = BUF_INIT;
    CHECK(note_keygen_named_by_key("log.example/", &k, &e) == 0);
    CHECK(strncmp(k.v.name, "log.example/", 12) == 0 && strlen(k.v.name) == 28);
    note_signer_format(&k, &b);
    CHECK(note_signer_parse(buf_str(&b), &k2, &e) == 0);
    CHECK(memcmp(k.sk, k2.sk, 64) == 0);
    /* A private key is refused where a public one is wanted, without quoting it. */
    CHECK(note_verifier_parse(buf_str(&b), &v, &e) != 0);
    CHECK(strstr(e.msg, "private key") != NULL);
    CHECK(strstr(e.msg, buf_str(&b) + 12) == NULL);
    /* Mangled keys. */
    static const char *const bad[] = {
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   /* hash */
        "PeterNeumanm+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   /* name */
        "PeterNeumann+c74f20a3+AhpccQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",   /* algorithm, key */
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",     /* short */
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  /* space */
        "PeterNeumann+c74f20a3", "", "+++"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK(note_verifier_parse(bad[i], &v, &e) != 0);
    CHECK(note_signer_parse("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz", &k2, &e) != 0);
    CHECK(strstr(e.msg, "AYEKF") == NULL);
    CHECK(!note_name_valid("a+b") && !note_name_valid("a b") && !note_name_valid("") &&
          !note_name_valid("a\xC2\xA0" "b") && !note_name_valid("a\xE2\x80\x89" "b") &&
          note_name_valid("example.org/ssr-tracker") && note_name_valid("\xC3\xA9t\xC3\xA9"));
    CHECK(note_keygen("has space", &k2, &e) != 0);
    note_signer_wipe(&k);
    note_signer_wipe(&k2);
    buf_free(&b);
}

TEST(checkpoints)
{
    checkpoint_t c = {"example.org/log", 1234567, {0}}, d;
    for (int i = 0; i < 32; i++) c.root[i] = (unsigned char)i;
    buf_t b = BUF_INIT;
    err_t e;
    checkpoint_format(&c, &b);
    CHECK_STR(buf_str(&b), "example.org/log\n1234567\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
    CHECK(checkpoint_parse(b.data, b.len, &d, &e) == 0);
    CHECK_STR(d.origin, c.origin);
    CHECK(d.size == c.size && memcmp(d.root, c.root, 32) == 0);
    /* Extension lines after the root are allowed. */
    buf_puts(&b, "extra line\n");
    CHECK(checkpoint_parse(b.data, b.len, &d, &e) == 0);
    static const char *const bad[] = {
        "example.org/log\n01\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "example.org/log\n-1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "example.org/log\n12\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh==\n",
        "example.org/log\n12\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
        "example.org/log\n12\n", "\n12\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(checkpoint_parse(bad[i], strlen(bad[i]), &d, &e) != 0);
    buf_free(&b);
}

int main(void)
{
    RUN(reference_key_and_note);
    RUN(tampered_notes_are_refused);
    RUN(keys_round_trip_and_bad_keys);
    RUN(checkpoints);
    TEST_EXIT();
}
