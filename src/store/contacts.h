/* contacts.h — who is told, and what they were told: email addresses of
 * owners (contacts: a department without an account) and of users, what users
 * watch, the record of digests sent (store/contacts.c), and settings such as
 * the base URL. Operational tables: not part of the change log, not exported,
 * untouched by rebuild. Each write is one transaction of its own.
 *
 * Memory: results are allocated in the caller's arena. */
#ifndef SSR_CONTACTS_H
#define SSR_CONTACTS_H

#include "store/store.h"

/* Set (or replace) the address of an owner as written in recs' owner field. */
int contacts_set_owner(store_t *s, const char *owner, const char *email, err_t *e);
/* Set (or replace) the address of a user; ERR_NOTFOUND when there is no such
 * user. For `user add --email` and `user set NAME --email`. */
int contacts_set_user_email(store_t *s, const char *user, const char *email, err_t *e);

/* A user watches a thing (kind "rec", "review" or "assessment"): told of its
 * changes recorded after now. ERR_NOTFOUND for an unknown user; watching
 * twice is harmless. *added: 1 when the watch is new. */
int contacts_watch(store_t *s, const char *user, const char *kind, const char *id, int *added, err_t *e);
/* *removed: 1 when there was such a watch. ERR_NOTFOUND for an unknown user. */
int contacts_unwatch(store_t *s, const char *user, const char *kind, const char *id, int *removed, err_t *e);

/* 1 when user watches (kind, id), 0 when not, -1 on error. */
int contacts_watching(store_t *s, const char *user, const char *kind, const char *id, err_t *e);

typedef struct {
    const char *key;     /* "contact:OWNER" or "user:NAME": the delivery record's name */
    const char *name;    /* the owner or the user */
    const char *email;
    int is_user;
} recipient_t;

/* Everyone with an address: contacts then users, each by name. */
int contacts_recipients(store_t *s, arena_t *a, recipient_t **out, size_t *n, err_t *e);

typedef struct {
    const char *kind, *id;
    long long from_seq;  /* changes after this seq are news to the watcher */
} watch_t;

/* What a user watches, by kind then id. */
int contacts_watches(store_t *s, const char *user, arena_t *a, watch_t **out, size_t *n, err_t *e);

/* 1 when item was delivered to recipient, 0 when not, -1 on error. */
int notify_was_sent(store_t *s, const char *recipient, const char *item, err_t *e);
/* Record one attempt to send a digest of n items to a recipient: with error
 * NULL the items count as delivered; otherwise the failure is kept and the
 * items stay due, to be tried again. */
int notify_record(store_t *s, const recipient_t *r, const char *const *items, size_t n, const char *error,
                  err_t *e);

/* Settings kept in the database ("base-url"). *value NULL when unset. */
int config_get(store_t *s, const char *key, arena_t *a, const char **value, err_t *e);
int config_set(store_t *s, const char *key, const char *value, err_t *e);

#endif
