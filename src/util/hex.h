/* hex.h — lower-case hex encoding of byte strings. */
#ifndef SSR_HEX_H
#define SSR_HEX_H

#include <stddef.h>

/* Write 2n hex digits and a NUL to out (2n+1 bytes). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Decode exactly 2n hex digits of s into out; 0 on success, -1 otherwise. */
int hex_decode(const char *s, unsigned char *out, size_t n);

#endif
