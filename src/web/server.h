/* server.h — `ssrtrack serve`: GNU libmicrohttpd with its internal epoll
 * thread pool in front of web_handle(). */
#ifndef SSR_SERVER_H
#define SSR_SERVER_H

#include <netinet/in.h>

#include "util/err.h"

/* Each reader's page cache, and no memory map: a page that reads the
 * whole file (the home page's figures) would otherwise map all of it into
 * the process, once per thread. Read pages stay in the kernel's cache.
 * `ssrtrack http` reads with the same, so it costs what a server's answer does. */
#define SERVER_READER_CACHE_KIB (16 * 1024)

typedef struct {
    const char *db_path;
    const char *listen;        /* "127.0.0.1:8080" */
    unsigned threads;          /* 0: one per core */
    const char *access_log;    /* a file, or NULL for stderr */
    int quiet;                 /* no access log */
    const char *key;           /* the signing key file (default: $SSRTRACK_KEY, else DB.key) */
    const char *base_url;      /* checked by base_url_normalize, or NULL */
} server_opts;

/* Serve until SIGTERM or SIGINT, then finish the requests in flight and
 * return 0; -1 with e filled when the server cannot start. */
int server_run(const server_opts *o, err_t *e);

/* Parse "ADDRESS:PORT" (IPv4) into sa; ERR_INPUT naming --listen. */
int server_parse_listen(const char *s, struct sockaddr_in *sa, err_t *e);

#endif
