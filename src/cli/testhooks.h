/* testhooks.h — fault injection asked for through the environment, for tests
 * (docs/cli.md, "Environment"):
 *
 *   SSRTRACK_FAIL_ALLOC=N[+]        the N-th heap allocation fails (+: and every later one)
 *   SSRTRACK_FAIL_WRITE=N[+][:full] the N-th write, truncate or sync of a database file
 *                                   fails with an I/O error (:full: the disk is full)
 *   SSRTRACK_FAULT_COUNT=1          print the allocations and writes made to stderr at exit,
 *                                   and how many of them came before the database was open
 *
 * Read once at startup; when none is set nothing is armed or installed. */
#ifndef SSR_TESTHOOKS_H
#define SSR_TESTHOOKS_H

#include "util/err.h"

/* Arm what the environment asks; ERR_INPUT names a malformed variable. */
int testhooks_start(err_t *e);

/* The database is open: when counting, remember the counts so far, so a
 * fault sweep can start past the open path it has already covered once.
 * Called again (by `http`, once its reader is open too), the later counts
 * are kept. */
void testhooks_opened(void);

#endif
