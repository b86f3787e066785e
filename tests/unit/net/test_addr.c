/* Tests of src/net/addr.c (which addresses the checker refuses) and of
 * the link classification in src/net/linkcheck.c. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "test.h"
#include "net/addr.h"
#include "net/linkcheck.h"

static int v4(const char *text)
{
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    if (inet_pton(AF_INET, text, &sa.sin_addr) != 1) return -1;
    return addr_refused((struct sockaddr *)&sa, sizeof sa);
}

static int v6(const char *text)
{
    struct sockaddr_in6 sa = {0};
    sa.sin6_family = AF_INET6;
    if (inet_pton(AF_INET6, text, &sa.sin6_addr) != 1) return -1;
    return addr_refused((struct sockaddr *)&sa, sizeof sa);
}

TEST(ipv4_ranges)
{
    static const char *const refused[] = {
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1",
        "172.31.255.255", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
        "100.127.255.255", "224.0.0.1", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8"};
    static const char *const allowed[] = {
        "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.0", "192.169.0.1", "100.63.255.255",
        "100.128.0.0", "11.0.0.1", "126.255.255.255", "128.0.0.1", "199.43.135.53", "198.20.0.1"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (v4(refused[i]) != 1) printf("#   %s should be refused\n", refused[i]);
        CHECK(v4(refused[i]) == 1);
    }
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        if (v4(allowed[i]) != 0) printf("#   %s should be allowed\n", allowed[i]);
        CHECK(v4(allowed[i]) == 0);
    }
}

TEST(ipv6_ranges)
{
    CHECK(v6("::1") == 1);
    CHECK(v6("::") == 1);
    CHECK(v6("fe80::1") == 1);
    CHECK(v6("febf::1") == 1);
    CHECK(v6("fc00::1") == 1);
    CHECK(v6("fd12:3456::1") == 1);
    CHECK(v6("ff02::1") == 1);
    CHECK(v6("::ffff:127.0.0.1") == 1);     /* mapped: judged as IPv4 */
    CHECK(v6("::ffff:10.1.2.3") == 1);
    CHECK(v6("64:ff9b::192.168.0.1") == 1); /* NAT64 of a private address */
    CHECK(v6("::ffff:8.8.8.8") == 0);
    /* Every range that embeds IPv4 is refused whole, public IPv4 or not. */
    CHECK(v6("64:ff9b::8.8.8.8") == 1);
    CHECK(v6("2002:7f00:1::1") == 1);            /* 6to4 of 127.0.0.1 */
    CHECK(v6("2002:0a00:0001::1") == 1);         /* 6to4 of 10.0.0.1 */
    CHECK(v6("2002:0808:0808::1") == 1);         /* 6to4 of a public address */
    CHECK(v6("2001:0:4136:e378:8000:63bf:80ff:fffe") == 1);   /* Teredo to 127.0.0.1 */
    CHECK(v6("64:ff9b:1::a00:1") == 1);
    CHECK(v6("::ffff:0:7f00:1") == 1);           /* SIIT */
    CHECK(v6("::8.8.8.8") == 1);                 /* IPv4-compatible */
    CHECK(v6("2001:1::1") == 0);                 /* next to Teredo, not in it */
    CHECK(v6("2003::1") == 0);
    CHECK(v6("2001:4860:4860::8888") == 0);
    CHECK(v6("2620:0:2d0:200::7") == 0);
    struct sockaddr un = {0};
    un.sa_family = AF_UNIX;
    CHECK(addr_refused(&un, sizeof un) == 1);
    char text[64];
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    inet_pton(AF_INET, "10.1.2.3", &sa.sin_addr);
    addr_text((struct sockaddr *)&sa, text, sizeof text);
    CHECK_STR(text, "10.1.2.3");
}

TEST(classification)
{
    const char *u = "https://a.example/x";
    CHECK(link_classify(LE_NONE, 200, 0, u, u) == LINK_OK);
    CHECK(link_classify(LE_NONE, 204, 0, u, u) == LINK_OK);
    CHECK(link_classify(LE_NONE, 200, 2, u, "https://b.example/y") == LINK_MOVED);
    CHECK(link_classify(LE_NONE, 200, 1, u, u) == LINK_OK);   /* back where it began */
    CHECK(link_classify(LE_NONE, 404, 0, u, u) == LINK_DEAD);
    CHECK(link_classify(LE_NONE, 410, 1, u, "https://b.example/") == LINK_DEAD);
    CHECK(link_classify(LE_NONE, 500, 0, u, u) == LINK_DEAD);
    CHECK(link_classify(LE_NONE, 302, 5, u, u) == LINK_DEAD);  /* no usable Location */
    CHECK(link_classify(LE_DNS, 0, 0, u, NULL) == LINK_DEAD);
    CHECK(link_classify(LE_REFUSED, 0, 0, u, NULL) == LINK_DEAD);
    CHECK(link_classify(LE_TIMEOUT, 200, 0, u, u) == LINK_DEAD);
    CHECK(link_classify(LE_REDIRECTS, 302, 5, u, u) == LINK_DEAD);
    CHECK(link_classify(LE_BLOCKED, 0, 0, u, NULL) == LINK_BLOCKED);
    CHECK_STR(link_outcome_name(LINK_MOVED), "moved");
    CHECK_STR(link_outcome_name(LINK_BLOCKED), "blocked");
}

int main(void)
{
    RUN(ipv4_ranges);
    RUN(ipv6_ranges);
    RUN(classification);
    TEST_EXIT();
}
