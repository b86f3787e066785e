/* testrunner.h — many runs of ssrtrack from one process, for tests that run
 * the binary thousands of times (fault sweeps, tamper cases), so that each
 * run costs a fork instead of an exec and the loading of some forty shared
 * libraries (docs/cli.md, "Environment"):
 *
 *   SSRTRACK_RUNNER=SECONDS   read requests on stdin; answer each on stdout
 *
 * A request is NUL-terminated fields, ended by an empty field:
 *
 *   STDIN STDOUT STDERR [NAME=VALUE ...] -- ARG ...
 *
 * For each, the runner forks; the child takes the three files as its standard
 * streams, sets the variables, and goes on as a fresh `ssrtrack ARG ...`
 * would (the fault hooks are read after this, so a request may arm them).
 * The runner waits for it and answers one line: its exit status, 128 + the
 * signal that killed it, or 124 when it ran longer than SECONDS (as
 * timeout(1) says). It stops at the end of its input, with exit 0. */
#ifndef SSR_TESTRUNNER_H
#define SSR_TESTRUNNER_H

/* Unless SSRTRACK_RUNNER is set, returns at once. Otherwise serves requests
 * and, in each child, returns with *argc and *argv replaced by the request's
 * (they live until exit); the runner itself never returns. Called first in
 * main, before anything allocates through util/alloc or starts SQLite. */
void testrunner_serve(int *argc, char ***argv);

#endif
