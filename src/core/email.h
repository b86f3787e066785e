/* email.h — what counts as an email address we will write into a message
 * header: the plain addr-spec of RFC 5322 (local@domain) in its common,
 * unquoted form. Anything that could break a header (spaces, CR, LF, <>,
 * commas, quotes) is refused. Pure: no I/O. */
#ifndef SSR_EMAIL_H
#define SSR_EMAIL_H

#define EMAIL_MAX 254   /* RFC 5321's limit on a path */

/* 1 when s is local@domain: a dot-atom local part of at most 64 bytes and a
 * domain of dot-separated labels (letters, digits, hyphens, not at either
 * end of a label) with at least one dot; at most EMAIL_MAX bytes. */
int email_valid(const char *s);

#endif
