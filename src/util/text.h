/* text.h — small text helpers over UTF-8 strings. Pure; no allocation unless named. */
#ifndef SSR_TEXT_H
#define SSR_TEXT_H

#include <stddef.h>

/* 1 when the n bytes at s are well-formed UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Number of code points in s: the column width of our (non-CJK) text. */
size_t utf8_cols(const char *s);
/* Byte length of the longest prefix of s with at most cols code points. */
size_t utf8_prefix(const char *s, size_t cols);
/* 1 when s holds a control character other than tab, LF and CR. */
int has_control(const char *s);
/* Case-insensitive ASCII comparison (for matching words, not for sorting). */
int ascii_casecmp(const char *a, const char *b);
/* Case-insensitive ASCII substring search; NULL when not found. */
const char *ascii_casestr(const char *hay, const char *needle);

#endif
