/* testrunner.c — many runs from one process, for tests; see testrunner.h.
 * Uses only system calls and static memory, so that each child starts with
 * nothing of ours allocated, counted or buffered: as a fresh process would. */
#include "cli/testrunner.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define REQ_MAX 65536   /* bytes of one request */
#define FIELDS_MAX 256  /* fields of one request */

static char buf[REQ_MAX];
static char *fields[FIELDS_MAX + 2];

/* A one-line complaint on stderr, then exit 1 (the runner's input is wrong). */
static void die(const char *what, const char *detail)
{
    fprintf(stderr, "ssrtrack: SSRTRACK_RUNNER: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    exit(1);
}

/* Splits the first len bytes of buf into fields when they hold a whole
 * request; returns its length in bytes (0: not whole yet) and sets *n. */
static size_t split(size_t len, int *n)
{
    size_t i = 0;
    *n = 0;
    while (i < len) {
        char *end = memchr(buf + i, '\0', len - i);
        if (!end) return 0;
        if (end == buf + i) return i + 1;   /* the empty field ends it */
        if (*n >= FIELDS_MAX) die("a request has too many fields", NULL);
        fields[(*n)++] = buf + i;
        i = (size_t)(end - buf) + 1;
    }
    return 0;
}

/* In the child: the streams, the variables, the arguments; then go on. */
static void become(int n, unsigned limit, int *argc, char ***argv)
{
    static const int flags[3] = {O_RDONLY, O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC};
    static char *args[FIELDS_MAX + 2];
    for (int fd = 0; fd < 3; fd++) {
        int f = open(fields[fd], flags[fd] | O_CLOEXEC, 0644);
        if (f < 0) {
            fprintf(stderr, "ssrtrack: SSRTRACK_RUNNER: %s: %s\n", fields[fd], strerror(errno));
            _exit(127);
        }
        if (dup2(f, fd) < 0) _exit(127);
        close(f);
    }
    unsetenv("SSRTRACK_RUNNER");
    int i = 3;
    for (; i < n && strcmp(fields[i], "--") != 0; i++)
        putenv(fields[i]);   /* the child's copy of buf lives until it exits */
    int k = 0;
    args[k++] = (*argv)[0];
    for (i++; i < n; i++) args[k++] = fields[i];
    args[k] = NULL;
    *argc = k;
    *argv = args;
    alarm(limit);
}

/* Runs one request whose fields are in `fields`; returns what to answer. */
static int run_one(int n, unsigned limit, int *argc, char ***argv)
{
    int sep = 3;
    while (sep < n && strcmp(fields[sep], "--") != 0) {
        if (!strchr(fields[sep], '=')) die("not NAME=VALUE", fields[sep]);
        sep++;
    }
    if (sep >= n) die("a request needs STDIN STDOUT STDERR, then --, then the arguments", NULL);
    pid_t pid = fork();
    if (pid < 0) die("fork", strerror(errno));
    if (pid == 0) {
        become(n, limit, argc, argv);
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) die("waitpid", strerror(errno));
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    return WTERMSIG(st) == SIGALRM ? 124 : 128 + WTERMSIG(st);
}

void testrunner_serve(int *argc, char ***argv)
{
    const char *v = getenv("SSRTRACK_RUNNER");
    if (!v || !*v) return;
    char *end;
    long limit = strtol(v, &end, 10);
    if (*end || limit < 1 || limit > 86400) die("not a number of seconds (1 to 86400)", v);
    size_t len = 0;
    for (;;) {
        int n;
        size_t used = split(len, &n);
        if (used == 0) {
            if (len == sizeof buf) die("a request is longer than 65536 bytes", NULL);
            ssize_t got = read(0, buf + len, sizeof buf - len);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) die("read", strerror(errno));
            if (got == 0) {
                if (len) die("the input ends inside a request", NULL);
                exit(0);
            }
            len += (size_t)got;
            continue;
        }
        int rc = run_one(n, (unsigned)limit, argc, argv);
        if (rc < 0) return;   /* the child goes on as ssrtrack */
        char line[16];
        int k = snprintf(line, sizeof line, "%d\n", rc);
        if (write(1, line, (size_t)k) != k) exit(0);   /* the reader is gone */
        memmove(buf, buf + used, len - used);
        len -= used;
    }
}
