/* accounts.h — users, sessions, API tokens and failed sign-ins: the web's
 * operational tables. Nothing here is part of the change log; secrets are
 * stored only as hashes (Argon2id for passwords, SHA-256 for session ids and
 * tokens: accounts_hash_password and accounts_new_secret, below). */
#ifndef SSR_ACCOUNTS_H
#define SSR_ACCOUNTS_H

#include "store/store.h"

typedef struct {
    const char *name, *role, *password;   /* password: the Argon2id string */
    const char *created;                  /* when added (accounts_list_users only) */
} account_t;

/* An API token as listed: never its secret nor its hash. */
typedef struct {
    const char *id;         /* "T3" */
    const char *user;       /* the name of the user it belongs to now */
    const char *created;    /* timestamp */
    const char *expires;    /* last day it works (UTC), or NULL: never */
    const char *last_used;  /* day of its last use, or NULL */
} token_info;

/* Hash a password (Argon2id, libsodium's interactive limits: 64 MiB, 2
 * passes) into an arena string. */
char *accounts_hash_password(arena_t *a, const char *password, err_t *e);
/* A new random secret, 64 hex digits in a's memory, and its SHA-256 in hash. */
char *accounts_new_secret(arena_t *a, unsigned char hash[32]);

/* Writes below are one transaction each, or join the caller's open one. */

/* ERR_CONFLICT when the name is taken. The user gets a new random uid: the
 * identity its sessions and tokens are keyed to, never reused. */
int accounts_add_user(store_t *s, const char *name, const char *role, const char *password_hash, err_t *e);
/* 1 found (fields arena-owned), 0 not found, -1 error. */
int accounts_get_user(store_t *s, const char *name, arena_t *a, account_t *out, err_t *e);
int accounts_set_password(store_t *s, const char *name, const char *password_hash, err_t *e);
int accounts_set_role(store_t *s, const char *name, const char *role, err_t *e);
/* Remove the user with its sessions and tokens, at once. */
int accounts_remove_user(store_t *s, const char *name, err_t *e);
/* Every user, by name (no password), into *out (arena-owned). */
int accounts_list_users(store_t *s, arena_t *a, account_t **out, size_t *n, err_t *e);

/* Sessions: id_hash is SHA-256 of the cookie value; times in seconds. */
int accounts_new_session(store_t *s, const unsigned char id_hash[32], const char *user, const char *csrf,
                         long long now, err_t *e);
/* 1 found: *user and *csrf arena-owned, *created and *seen set. */
int accounts_get_session(store_t *s, const unsigned char id_hash[32], arena_t *a, const char **user,
                         const char **csrf, long long *created, long long *seen, err_t *e);
int accounts_touch_session(store_t *s, const unsigned char id_hash[32], long long now, err_t *e);
int accounts_end_session(store_t *s, const unsigned char id_hash[32], err_t *e);
/* Drop sessions idle since before idle_before or created before created_before. */
int accounts_expire_sessions(store_t *s, long long idle_before, long long created_before, err_t *e);

/* A token of the user now called user (keyed to that user's uid), expiring
 * after the day expires (NULL: never); ERR_NOTFOUND without such a user. */
int accounts_new_token(store_t *s, const char *id, const unsigned char id_hash[32], const char *user,
                       const char *expires, err_t *e);
/* 1 found (fields arena-owned), 0 not (or its user is gone), -1 error.
 * Expiry is the caller's to judge. */
int accounts_get_token(store_t *s, const unsigned char id_hash[32], arena_t *a, token_info *out, err_t *e);
/* The tokens of user (NULL: everyone's), oldest first, into *out. */
int accounts_list_tokens(store_t *s, const char *user, arena_t *a, token_info **out, size_t *n, err_t *e);
/* Note the day a token was used. */
int accounts_touch_token(store_t *s, const char *id, const char *day, err_t *e);
/* Delete a token; ERR_NOTFOUND when there is none with that id. */
int accounts_revoke_token(store_t *s, const char *id, err_t *e);

/* A sign-in attempt reserved before its password is checked, so that
 * parallel attempts cannot all pass the limits while the slow check runs:
 * in one transaction, when fewer than max_user failures (or reservations)
 * of user since user_since and fewer than max_addr of addr since addr_since
 * are recorded, record one more and return 1 with its id in *id; else 0
 * (nothing recorded); -1 on error. The attempt then counts as failed unless
 * accounts_release_signin drops it after a good password. */
typedef struct { long long now, user_since, addr_since, max_user, max_addr; } signin_limits;
int accounts_reserve_signin(store_t *s, const char *user, const char *addr, const signin_limits *l, long long *id,
                            err_t *e);
int accounts_release_signin(store_t *s, long long id, err_t *e);

#endif
