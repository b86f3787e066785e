/* main.c — ssrtrack [--db FILE] COMMAND ...
 *
 * Finds the command in the table (commands.c), opens the database it needs
 * (--db, else $SSRTRACK_DB, else ./ssrtrack.db) and runs it. Exit status:
 * 0 success; 1 bad input, with one line on stderr; 2 an internal error. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/testhooks.h"
#include "cli/testrunner.h"
#include "ledger/hash.h"
#include "util/alloc.h"
#include "util/version.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: ssrtrack [--db FILE] COMMAND [ARGS]\n\ncommands:\n");
    for (const command_t *cmd = commands; cmd->name; cmd++)
        fprintf(f, "  %-18s %s\n", cmd->name, cmd->help);
    fprintf(f, "\nThe database is --db FILE, else $SSRTRACK_DB, else ./ssrtrack.db.\n"
               "'ssrtrack help COMMAND' shows a command's arguments.\n");
}

/* Length of the command name matching argv (1 or 2 words), or 0. */
static int matches(const command_t *cmd, int argc, char **argv)
{
    const char *sp = strchr(cmd->name, ' ');
    if (!sp) return argc >= 1 && strcmp(argv[0], cmd->name) == 0 ? 1 : 0;
    size_t n = (size_t)(sp - cmd->name);
    if (argc >= 2 && strlen(argv[0]) == n && strncmp(argv[0], cmd->name, n) == 0 &&
        strcmp(argv[1], sp + 1) == 0)
        return 2;
    return 0;
}

static int help(int argc, char **argv)
{
    if (argc == 0) { usage(stdout); return 0; }
    for (const command_t *cmd = commands; cmd->name; cmd++) {
        if (matches(cmd, argc, argv)) {
            printf("usage: ssrtrack %s %s\n%s\n", cmd->name, cmd->usage, cmd->help);
            return 0;
        }
    }
    fprintf(stderr, "ssrtrack: unknown command '%s'\n", argv[0]);
    return 1;
}

int main(int argc, char **argv)
{
    testrunner_serve(&argc, &argv);   /* only with SSRTRACK_RUNNER (tests) */
    err_t hook_err;
    if (testhooks_start(&hook_err) != 0) {
        fprintf(stderr, "ssrtrack: %s\n", hook_err.msg);
        return err_exit_status(&hook_err);
    }
    json_set_alloc_funcs(mem_alloc, mem_free);
    if (hash_init() != 0) { fprintf(stderr, "ssrtrack: cannot start libsodium\n"); return 2; }

    /* --db may stand anywhere; take it out before finding the command. */
    const char *db = getenv("SSRTRACK_DB");
    if (!db || !*db) db = "ssrtrack.db";
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) { fprintf(stderr, "ssrtrack: --db needs a file name\n"); return 1; }
            db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            db = argv[i] + 5;
        } else {
            argv[++n] = argv[i];
        }
    }
    argc = n + 1;
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    if (strcmp(argv[1], "help") == 0) return help(argc - 2, argv + 2);
    if (strcmp(argv[1], "--version") == 0) { printf("ssrtrack %s\n", SSRTRACK_VERSION); return 0; }
    if (!*db) { fprintf(stderr, "ssrtrack: --db: empty file name\n"); return 1; }

    const command_t *cmd = NULL;
    int words = 0;
    for (const command_t *k = commands; k->name && !cmd; k++)
        if ((words = matches(k, argc - 1, argv + 1)) > 0) cmd = k;
    if (!cmd) {
        fprintf(stderr, "ssrtrack: unknown command '%s%s%s' (see 'ssrtrack help')\n", argv[1],
                argc > 2 && argv[2][0] != '-' ? " " : "", argc > 2 && argv[2][0] != '-' ? argv[2] : "");
        return 1;
    }

    cli_t c = {.db_path = db};
    c.a = arena_new();
    if (!c.a) { fprintf(stderr, "ssrtrack: out of memory\n"); return 2; }
    int rc = 0;
    if (cmd->db != DB_NONE &&
        store_open(db, cmd->db == DB_CREATE ? STORE_CREATE : STORE_READWRITE, &c.store,
                   &c.db_created, &c.err) != 0)
        rc = -1;
    if (rc == 0 && cmd->db != DB_NONE) testhooks_opened();
    if (rc == 0) rc = cmd->run(&c, argc - 1 - words, argv + 1 + words);
    if (fflush(stdout) != 0 && rc == 0) rc = err_set(&c.err, ERR_IO, "cannot write the output");
    store_close(c.store);
    arena_free(c.a);
    if (rc != 0) {
        fprintf(stderr, "ssrtrack: %s\n", c.err.msg);
        return err_exit_status(&c.err) ? err_exit_status(&c.err) : 2;
    }
    return 0;
}
