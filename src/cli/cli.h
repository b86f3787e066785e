/* cli.h — what the command files share: the context of one run, the command
 * table's row type, option parsing and output helpers. Commands never touch
 * SQL; they call store/ and render through report/. */
#ifndef SSR_CLI_H
#define SSR_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/arena.h"
#include "util/err.h"

typedef struct {
    const char *db_path;
    store_t *store;      /* opened before run() when the command needs it */
    arena_t *a;          /* freed when the command ends */
    err_t err;           /* filled by a failing run() */
    int db_created;      /* init: the file was created by this run */
} cli_t;

enum { DB_NONE, DB_OPEN, DB_CREATE };

typedef struct {
    const char *name;                           /* one or two words: "rec add" */
    int db;                                     /* DB_NONE, DB_OPEN, DB_CREATE */
    int (*run)(cli_t *c, int argc, char **argv);/* 0, or -1 with c->err set */
    const char *usage;                          /* arguments after the name */
    const char *help;                           /* one line */
} command_t;

extern const command_t commands[];

/* One option of a command: "--title" with a value, or a flag. An option
 * whose takes_value is OPT_REPEAT may be given more than once. */
#define OPT_REPEAT 2
typedef struct {
    const char *name;
    int takes_value;
    const char *value;   /* filled by args_parse */
    int given;
} opt_t;

/* The number of options in an array of them. */
#define NOPTS(o) ((int)(sizeof(o) / sizeof((o)[0])))

/* Parse argv into opts and positionals (pos gets at most max; min required).
 * "--opt value", "--opt=value" and "--" are understood. Errors name the
 * command and the option. */
int args_parse(cli_t *c, const char *cmd, int argc, char **argv, opt_t *opts, int nopts,
               const char **pos, int min, int max, int *npos);

/* The value of an option, or NULL. */
const char *opt_value(const opt_t *opts, int nopts, const char *name);
int opt_given(const opt_t *opts, int nopts, const char *name);
/* Every value of a repeatable option, in the order given (arena-owned); *n
 * is 0 when it was not given. */
int opt_values(cli_t *c, const opt_t *opts, int nopts, const char *name, const char ***out, int *n);

/* The option `name` as a whole number in [min, max] into *out; dflt when
 * not given. ERR_INPUT names the command and the option. */
int opt_long(cli_t *c, const char *cmd, const opt_t *opts, int nopts, const char *name, long min,
             long max, long dflt, long *out);

/* 0 when review is NULL or exists now; else -1 with "CMD: no such review". */
int cli_review_known(cli_t *c, const char *cmd, const char *review);

/* The actor recorded with changes: --actor, $SSRTRACK_ACTOR, $USER, "cli". */
const char *cli_actor(const char *given);

/* Check --format against a list like "text|json"; returns the choice or NULL
 * with c->err set. dflt when not given. */
const char *cli_format(cli_t *c, const char *cmd, const char *given, const char *choices,
                       const char *dflt);

/* Print a JSON value to stdout with a final newline and release it. */
int cli_print_json(cli_t *c, json_t *j);

/* Write b to stdout and free it; ERR_NOMEM when an append to b had failed. */
int cli_print_buf(cli_t *c, buf_t *b);
/* A file such as a spreadsheet: b to path (made or replaced), or without a
 * path to stdout unless stdout is a terminal (ERR_INPUT: "give -o FILE").
 * Frees b. */
int cli_output_file(cli_t *c, const char *cmd, const char *path, buf_t *b);

/* `KIND set ID FIELD=VALUE... [--effective DATE] [--reason TEXT] [--actor NAME]`
 * for any kind: one update, all fields or none. cmd names the command in
 * messages ("rec set"). */
int cli_set_fields(cli_t *c, const char *cmd, const kind_def *k, int argc, char **argv);

/* Run fn inside one write transaction; rolls back on failure. */
int cli_write(cli_t *c, int (*fn)(cli_t *c, void *ctx), void *ctx);

#endif
