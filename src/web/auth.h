/* auth.h — who is asking: sessions (cookie), API tokens (bearer), sign-in
 * with Argon2id passwords and throttling, and the checks every form post
 * passes (a session, the right role, the CSRF token, the Origin). */
#ifndef SSR_AUTH_H
#define SSR_AUTH_H

#include "web/web.h"

#define SESSION_COOKIE "__Host-ssrtrack"
#define SIGNIN_FAILS_PER_USER_HOUR 100
#define SIGNIN_FAILS_PER_ADDR_WINDOW 30
#define SIGNIN_ADDR_WINDOW 900

/* Fill w->user/role/csrf from a bearer token or the session cookie. An
 * expired session counts as none. -1 (in w->err) when a lookup failed, so
 * that a failing database is a 5xx, never taken for "no credentials". */
int auth_identify(web_req *w);

/* Form posts from pages: signed in (401), Origin of this site and the CSRF
 * token of the session (403). Returns 0 when the post may proceed, else the
 * error status already written. */
int auth_check_post(web_req *w);

int auth_signin_page(web_req *w, char **args);
int auth_signin(web_req *w, char **args);
int auth_signout(web_req *w, char **args);

#endif
