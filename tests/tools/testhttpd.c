/* testhttpd.c — a small HTTP/1.1 server for the link checker's tests and
 * benchmark. It listens on 127.0.0.1 (a port the system picks), serves the
 * cases below, one thread per connection with keep-alive, and appends
 * "METHOD PATH" for every request it reads to LOGFILE, so a test can prove
 * that a request arrived, or that none did. A second socket listens and is
 * never accepted: connections to it hang.
 *
 *   usage: testhttpd PORTFILE LOGFILE
 *   PORTFILE gets "PORT HANGPORT\n" once both sockets listen. Runs until killed.
 *
 *   /good, /good/...   200, fixed body, ETag and Last-Modified
 *   /nohead            405 to HEAD, 200 with an ETag to GET
 *   /changing          200, a new body on every GET, no validators
 *   /notfound          404 (and any path not listed here)
 *   /error             500
 *   /redirect/N        302 to /redirect/N-1; /redirect/0 302 to /good
 *   /loop/a, /loop/b   302 to each other
 *   /drip              the reply trickles out one byte every 200 ms
 *   /huge              200 announcing 1 GiB, streamed until the client stops
 *   /slow/MS/...       200 after MS milliseconds (at most 10 s)
 *   /list/N/MS         an HTML page linking /slow/MS/1 .. /slow/MS/N
 * Every reply carries a "LinkChecker" header, which lets linkchecker go past
 * its default of 10 requests per second to one host (benchmark). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static FILE *logf;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long changing_version;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Send a whole reply; head_only leaves out the body. */
static int reply(int fd, int head_only, int status, const char *reason, const char *extra,
                 const char *type, const char *body)
{
    char head[1024];
    size_t blen = body ? strlen(body) : 0;
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "LinkChecker: testhttpd\r\n%s\r\n",
                     status, reason, type ? type : "text/plain", blen, extra ? extra : "");
    if (send_all(fd, head, (size_t)n)) return -1;
    if (!head_only && blen && send_all(fd, body, blen)) return -1;
    return 0;
}

static int serve_list(int fd, int head_only, long count, long ms)
{
    size_t cap = (size_t)count * 64 + 256, len = 0;
    char *page = malloc(cap);
    if (!page) return -1;
    len += (size_t)snprintf(page + len, cap - len, "<!DOCTYPE html><html><head><title>links</title></head><body>\n");
    for (long i = 1; i <= count; i++)
        len += (size_t)snprintf(page + len, cap - len, "<a href=\"/slow/%ld/%ld\">%ld</a>\n", ms, i, i);
    snprintf(page + len, cap - len, "</body></html>\n");
    int rc = reply(fd, head_only, 200, "OK", NULL, "text/html", page);
    free(page);
    return rc;
}

/* Answer one request; -1 closes the connection. */
static int handle(int fd, const char *method, const char *path)
{
    int head = strcmp(method, "HEAD") == 0;
    long a, b;
    char c;
    if (strcmp(path, "/good") == 0 || strncmp(path, "/good/", 6) == 0)
        return reply(fd, head, 200, "OK",
                     "ETag: \"good-v1\"\r\nLast-Modified: Tue, 18 Mar 2014 00:00:00 GMT\r\n",
                     "text/html", "<!DOCTYPE html><title>good</title><p>A good page.</p>\n");
    if (strcmp(path, "/nohead") == 0) {
        if (head) return reply(fd, 1, 405, "Method Not Allowed", "Allow: GET\r\n", NULL, NULL);
        return reply(fd, 0, 200, "OK", "ETag: \"nohead-v1\"\r\n", NULL, "GET only.\n");
    }
    if (strcmp(path, "/changing") == 0) {
        char body[64];
        pthread_mutex_lock(&lock);
        unsigned long v = head ? changing_version : ++changing_version;
        pthread_mutex_unlock(&lock);
        snprintf(body, sizeof body, "version %lu\n", v);
        return reply(fd, head, 200, "OK", NULL, NULL, body);
    }
    if (strcmp(path, "/error") == 0) return reply(fd, head, 500, "Internal Server Error", NULL, NULL, "broken\n");
    if (sscanf(path, "/redirect/%ld%c", &a, &c) == 1 && a >= 0 && a < 100) {
        char loc[80];
        if (a == 0) snprintf(loc, sizeof loc, "Location: /good\r\n");
        else snprintf(loc, sizeof loc, "Location: /redirect/%ld\r\n", a - 1);
        return reply(fd, head, 302, "Found", loc, NULL, "");
    }
    if (strcmp(path, "/loop/a") == 0) return reply(fd, head, 302, "Found", "Location: /loop/b\r\n", NULL, "");
    if (strcmp(path, "/loop/b") == 0) return reply(fd, head, 302, "Found", "Location: /loop/a\r\n", NULL, "");
    if (strcmp(path, "/drip") == 0) {
        const char *r = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nslow\n";
        for (const char *p = r; *p; p++) {
            if (send_all(fd, p, 1)) return -1;
            sleep_ms(200);
        }
        return -1;
    }
    if (strcmp(path, "/huge") == 0) {
        const char *h = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                        "Content-Length: 1073741824\r\n\r\n";
        if (send_all(fd, h, strlen(h)) || head) return head ? 0 : -1;
        static char zeros[65536];
        for (long sent = 0; sent < (1L << 30); sent += (long)sizeof zeros)
            if (send_all(fd, zeros, sizeof zeros)) break;
        return -1;
    }
    char *rest;
    if (strncmp(path, "/slow/", 6) == 0 && (a = strtol(path + 6, &rest, 10)) >= 0 &&
        rest != path + 6 && (*rest == '\0' || *rest == '/')) {
        sleep_ms(a > 10000 ? 10000 : a);
        return reply(fd, head, 200, "OK", "ETag: \"slow\"\r\n", NULL, "slow but fine\n");
    }
    if (sscanf(path, "/list/%ld/%ld", &a, &b) == 2 && a > 0 && a <= 100000 && b >= 0)
        return serve_list(fd, head, a, b);
    return reply(fd, head, 404, "Not Found", NULL, NULL, "no such page\n");
}

static void *connection(void *arg)
{
    int fd = (int)(long)arg;
    struct timeval tv = {30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[16384];
    size_t len = 0;
    for (;;) {
        char *end = memmem(buf, len, "\r\n\r\n", 4);
        if (!end) {
            if (len == sizeof buf) break;
            ssize_t r = recv(fd, buf + len, sizeof buf - len, 0);
            if (r <= 0) break;
            len += (size_t)r;
            continue;
        }
        *end = '\0';
        char method[16], path[2048];
        if (sscanf(buf, "%15s %2047s", method, path) != 2) break;
        pthread_mutex_lock(&lock);
        fprintf(logf, "%s %s\n", method, path);
        fflush(logf);
        pthread_mutex_unlock(&lock);
        size_t used = (size_t)(end + 4 - buf);
        memmove(buf, buf + used, len - used);
        len -= used;
        if (handle(fd, method, path) != 0) break;
    }
    close(fd);
    return NULL;
}

static int listen_on(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in sa = {0};
    socklen_t sl = sizeof sa;
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 256) ||
        getsockname(fd, (struct sockaddr *)&sa, &sl))
        return -1;
    *port = ntohs(sa.sin_port);
    return fd;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: testhttpd PORTFILE LOGFILE\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    logf = fopen(argv[2], "a");
    int port, hang_port;
    int fd = listen_on(&port), hang = listen_on(&hang_port);
    if (!logf || fd < 0 || hang < 0) {
        perror("testhttpd");
        return 1;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *pf = fopen(tmp, "w");
    if (!pf || fprintf(pf, "%d %d\n", port, hang_port) < 0 || fclose(pf) || rename(tmp, argv[1])) {
        perror("testhttpd: port file");
        return 1;
    }
    for (;;) {
        int c = accept(fd, NULL, NULL);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE) continue;
            perror("testhttpd: accept");
            return 1;
        }
        int one = 1;
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        pthread_t t;
        pthread_attr_t at;
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&at, 256 * 1024);
        if (pthread_create(&t, &at, connection, (void *)(long)c) != 0) close(c);
        pthread_attr_destroy(&at);
    }
}
