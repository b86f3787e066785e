/* addr.c — see addr.h. */
#include "net/addr.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint32_t net; int bits; } v4_range;

static const v4_range v4_refused[] = {
    {0x00000000u, 8},    /* 0.0.0.0/8 "this network" */
    {0x0a000000u, 8},    /* 10/8 private */
    {0x64400000u, 10},   /* 100.64/10 shared (carrier-grade NAT) */
    {0x7f000000u, 8},    /* 127/8 loopback */
    {0xa9fe0000u, 16},   /* 169.254/16 link-local */
    {0xac100000u, 12},   /* 172.16/12 private */
    {0xc0000000u, 24},   /* 192.0.0/24 protocol assignments */
    {0xc0a80000u, 16},   /* 192.168/16 private */
    {0xc6120000u, 15},   /* 198.18/15 benchmarking */
    {0xe0000000u, 4},    /* 224/4 multicast */
    {0xf0000000u, 4},    /* 240/4 reserved, and the broadcast address */
};

int addr_v4_refused(uint32_t a)
{
    for (size_t i = 0; i < sizeof v4_refused / sizeof v4_refused[0]; i++) {
        uint32_t mask = 0xffffffffu << (32 - v4_refused[i].bits);
        if ((a & mask) == v4_refused[i].net) return 1;
    }
    return 0;
}

static uint32_t v4_at(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* IPv6 ranges refused whole: those that carry an IPv4 address to a
 * translator or tunnel whose far end is not ours to judge (whatever IPv4
 * they embed), and those no public host answers on. */
typedef struct { unsigned char prefix[16]; int bits; } v6_range;

static const v6_range v6_embedding[] = {
    {{0x20, 0x02}, 16},                            /* 2002::/16 6to4 */
    {{0x20, 0x01, 0x00, 0x00}, 32},                /* 2001::/32 Teredo */
    {{0x00, 0x64, 0xff, 0x9b}, 96},                /* 64:ff9b::/96 NAT64 well-known prefix */
    {{0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48},    /* 64:ff9b:1::/48 local-use NAT64 */
    {{0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96},    /* ::ffff:0:0:0/96 SIIT translated */
    {{0x01, 0x00}, 64},                            /* 100::/64 discard-only */
    {{0x20, 0x01, 0x0d, 0xb8}, 32},                /* 2001:db8::/32 documentation */
};

static int v6_in(const unsigned char a[16], const v6_range *r)
{
    int full = r->bits / 8, rest = r->bits % 8;
    if (memcmp(a, r->prefix, (size_t)full) != 0) return 0;
    return rest == 0 || ((a[full] ^ r->prefix[full]) & (0xff << (8 - rest))) == 0;
}

int addr_v6_refused(const unsigned char a[16])
{
    static const unsigned char zeros[12] = {0};
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    /* ::/96: unspecified, loopback and the deprecated IPv4-compatible form. */
    if (memcmp(a, zeros, 12) == 0) return 1;
    /* ::ffff:0:0/96 is the IPv4 address itself to the kernel: judged as one. */
    if (memcmp(a, mapped, 12) == 0) return addr_v4_refused(v4_at(a + 12));
    for (size_t i = 0; i < sizeof v6_embedding / sizeof v6_embedding[0]; i++)
        if (v6_in(a, &v6_embedding[i])) return 1;
    if ((a[0] & 0xfe) == 0xfc) return 1;                   /* fc00::/7 unique local */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return 1;   /* fe80::/10 link-local */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return 1;   /* fec0::/10 old site-local */
    if (a[0] == 0xff) return 1;                            /* ff00::/8 multicast */
    return 0;
}

int addr_refused(const struct sockaddr *sa, size_t len)
{
    if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        return addr_v4_refused(ntohl(s4->sin_addr.s_addr));
    }
    if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        return addr_v6_refused(s6->sin6_addr.s6_addr);
    }
    return 1;
}

void addr_text(const struct sockaddr *sa, char *out, size_t size)
{
    const void *src = NULL;
    if (sa->sa_family == AF_INET) src = &((const struct sockaddr_in *)sa)->sin_addr;
    else if (sa->sa_family == AF_INET6) src = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    if (!src || !inet_ntop(sa->sa_family, src, out, (socklen_t)size)) snprintf(out, size, "(address family %d)", sa->sa_family);
}
