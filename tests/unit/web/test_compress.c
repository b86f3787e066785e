/* test_compress.c — gzip for text responses (web/compress.c), checked
 * against zlib's own reader. */
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

TEST(round_trip_through_zlib)
{
    buf_t in = BUF_INIT, gz = BUF_INIT;
    for (int i = 0; i < 4000; i++) buf_printf(&in, "<tr><td>SSR1-%d</td></tr>\n", i);
    CHECK(gzip_buf(in.data, in.len, &gz) == 0);
    CHECK((unsigned char)gz.data[0] == 0x1f && (unsigned char)gz.data[1] == 0x8b);
    CHECK(gz.len < in.len / 4);
    /* The header holds no time: the same body gives the same bytes. */
    CHECK(gz.data[4] == 0 && gz.data[5] == 0 && gz.data[6] == 0 && gz.data[7] == 0);
    z_stream z;
    memset(&z, 0, sizeof z);
    CHECK(inflateInit2(&z, 15 + 16) == Z_OK);
    char *back = malloc(in.len + 1);
    z.next_in = (Bytef *)gz.data;
    z.avail_in = (uInt)gz.len;
    z.next_out = (Bytef *)back;
    z.avail_out = (uInt)in.len + 1;
    int rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    CHECK(rc == Z_STREAM_END);
    CHECK(z.total_out == in.len && memcmp(back, in.data, in.len) == 0);
    free(back);
    buf_free(&in);
    buf_free(&gz);
}

int main(void)
{
    RUN(worth_only_text_above_the_minimum);
    RUN(accept_encoding);
    RUN(round_trip_through_zlib);
    TEST_EXIT();
}
