/* addr.h — which network addresses the link checker refuses to reach.
 *
 * Evidence URLs come from many hands; checking them must not let anyone make
 * this machine knock on its own door or its neighbours'. Unless told
 * otherwise (--allow-private), the checker refuses an address that is
 * unspecified, loopback, private (RFC 1918, 100.64/10, fc00::/7), link-local,
 * multicast or reserved. The test runs on the address a name resolved to,
 * just before each connection (every redirect hop included), so a public
 * name that resolves to 127.0.0.1 is refused too. Pure: no I/O. */
#ifndef SSR_ADDR_H
#define SSR_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* 1 when the IPv4 address (host byte order) is refused. */
int addr_v4_refused(uint32_t a);
/* 1 when the IPv6 address (16 bytes, network order) is refused. IPv4-mapped
 * addresses (::ffff:a.b.c.d) are judged by their IPv4 part; every other range
 * that embeds an IPv4 address (IPv4-compatible ::/96, 6to4 2002::/16, Teredo
 * 2001::/32, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, SIIT ::ffff:0:0:0/96) is
 * refused whole, since the IPv4 host it reaches is not ours to judge. */
int addr_v6_refused(const unsigned char a[16]);
/* 1 when the socket address is refused; any family other than IPv4 and
 * IPv6 is refused. */
int addr_refused(const struct sockaddr *sa, size_t len);
/* The address as text (for messages) into out, at least 64 bytes. */
void addr_text(const struct sockaddr *sa, char *out, size_t size);

#endif
