/* test_compress.c — gzip for text responses (web/compress.c), checked
 * against zlib's inflate, a reader independent of libdeflate. */
#include <stdint.h>
#include <zlib.h>

#include "test.h"
#include "web/compress.h"

TEST(worth_only_text_above_the_minimum)
{
    CHECK(gzip_worth("text/html; charset=utf-8", 5000));
    CHECK(gzip_worth("application/json; charset=utf-8", GZIP_MIN));
    CHECK(gzip_worth("image/svg+xml", 4000));
    CHECK(!gzip_worth("text/html; charset=utf-8", GZIP_MIN - 1));
    CHECK(!gzip_worth("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 50000));
    CHECK(!gzip_worth(NULL, 50000));
}

TEST(accept_encoding)
{
    CHECK(gzip_accepted("gzip"));
    CHECK(gzip_accepted("deflate, gzip;q=1.0, *;q=0.5"));
    CHECK(gzip_accepted("br, GZIP"));
    CHECK(gzip_accepted("x-gzip"));
    CHECK(gzip_accepted("*"));
    CHECK(gzip_accepted("gzip;q=0.001"));
    CHECK(!gzip_accepted(NULL));
    CHECK(!gzip_accepted(""));
    CHECK(!gzip_accepted("identity"));
    CHECK(!gzip_accepted("br, deflate"));
    CHECK(!gzip_accepted("gzip;q=0"));
    CHECK(!gzip_accepted("gzip; q=0.000"));
    CHECK(!gzip_accepted("*;q=1, gzip;q=0"));
    CHECK(!gzip_accepted("gzipped"));
}

/* 1 when gz is a gzip stream that zlib's inflate reads back to exactly
 * [data, data+n), and nothing after it. */
static int inflates_to(const buf_t *gz, const void *data, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) return 0;
    char *back = malloc(n + 1);
    z.next_in = (Bytef *)gz->data;
    z.avail_in = (uInt)gz->len;
    z.next_out = (Bytef *)back;
    z.avail_out = (uInt)n + 1;
    int rc = back ? inflate(&z, Z_FINISH) : Z_MEM_ERROR;
    int same = rc == Z_STREAM_END && z.avail_in == 0 && z.total_out == n && (n == 0 || memcmp(back, data, n) == 0);
    inflateEnd(&z);
    free(back);
    return same;
}

/* The gzip header (RFC 1952 §2.3): magic, deflate, no flags (so no FNAME
 * and no FCOMMENT), MTIME 0. */
static int plain_header(const buf_t *gz)
{
    const unsigned char *h = (const unsigned char *)gz->data;
    return gz->len >= 18 && h[0] == 0x1f && h[1] == 0x8b && h[2] == 8 && h[3] == 0 && h[4] == 0 && h[5] == 0 &&
           h[6] == 0 && h[7] == 0;
}

/* gzip_buf of [data, data+n) twice: both must inflate back to it, carry the
 * plain header and be the same bytes. The first form is left in gz. */
static int gzip_twice(const void *data, size_t n, buf_t *gz)
{
    buf_t again = BUF_INIT;
    int ok = gzip_buf(data, n, gz) == 0 && gzip_buf(data, n, &again) == 0 && inflates_to(gz, data, n) &&
             plain_header(gz) && again.len == gz->len && memcmp(again.data, gz->data, gz->len) == 0;
    buf_free(&again);
    return ok;
}

TEST(round_trip_through_zlib)
{
    buf_t in = BUF_INIT, gz = BUF_INIT;
    for (int i = 0; i < 4000; i++) buf_printf(&in, "<tr><td>SSR1-%d</td></tr>\n", i);
    CHECK(gzip_buf(in.data, in.len, &gz) == 0);
    CHECK((unsigned char)gz.data[0] == 0x1f && (unsigned char)gz.data[1] == 0x8b);
    CHECK(gz.len < in.len / 4);
    /* The header holds no time and no name: the same body gives the same bytes. */
    CHECK(gz.data[4] == 0 && gz.data[5] == 0 && gz.data[6] == 0 && gz.data[7] == 0);
    CHECK(gz.data[3] == 0);
    CHECK(inflates_to(&gz, in.data, in.len));
    buf_free(&gz);
    CHECK(gzip_twice(in.data, in.len, &gz));
    buf_free(&in);
    buf_free(&gz);
}

TEST(empty_and_small_bodies)
{
    buf_t gz = BUF_INIT;
    CHECK(gzip_twice("", 0, &gz));
    buf_free(&gz);
    const char *small = "<p>SSR1-6</p>";
    CHECK(gzip_twice(small, strlen(small), &gz));
    buf_free(&gz);
}

/* Appends after what out holds already. */
TEST(appends_to_what_is_there)
{
    buf_t gz = BUF_INIT, alone = BUF_INIT;
    const char *body = "<h1>Recommendations</h1><h1>Recommendations</h1>";
    buf_puts(&gz, "head");
    CHECK(gzip_buf(body, strlen(body), &gz) == 0);
    CHECK(gzip_buf(body, strlen(body), &alone) == 0);
    CHECK(gz.len == 4 + alone.len && memcmp(gz.data, "head", 4) == 0);
    CHECK(memcmp(gz.data + 4, alone.data, alone.len) == 0);
    buf_free(&gz);
    buf_free(&alone);
}

/* Several MB of text like a log's entry files, and as many bytes of noise
 * that deflate cannot shrink (stored blocks: a little larger than the body). */
TEST(large_and_incompressible_bodies)
{
    buf_t in = BUF_INIT, gz = BUF_INIT;
    for (int i = 0; in.len < 5u << 20; i++)
        buf_printf(&in, "{\"seq\":%d,\"rec\":\"SSR2-%d\",\"field\":\"status\",\"value\":\"in_progress\"}\n", i,
                   i % 63);
    CHECK(buf_ok(&in));
    CHECK(gzip_twice(in.data, in.len, &gz));
    CHECK(gz.len < in.len / 8);
    buf_free(&gz);

    size_t n = 3u << 20;
    unsigned char *noise = malloc(n);
    CHECK(noise);
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;   /* xorshift64 */
        noise[i] = (unsigned char)(x >> 32);
    }
    int ok = gzip_twice(noise, n, &gz);
    free(noise);
    CHECK(ok);
    CHECK(gz.len > n && gz.len < n + n / 100);
    buf_free(&in);
    buf_free(&gz);
}

int main(void)
{
    RUN(worth_only_text_above_the_minimum);
    RUN(accept_encoding);
    RUN(round_trip_through_zlib);
    RUN(empty_and_small_bodies);
    RUN(appends_to_what_is_there);
    RUN(large_and_incompressible_bodies);
    TEST_EXIT();
}
