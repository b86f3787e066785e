/* commands.c — the command table: name, database need, function, usage, help.
 * Adding a command is adding a row here. */
#include "cli/commands.h"

const command_t commands[] = {
    {"init", DB_CREATE, cmd_init, "[--key FILE] [--origin NAME]",
     "create the database file and the log's signing key"},
    {"review add", DB_OPEN, cmd_review_add,
     "ID --title T [--published DATE] [--url URL] [--effective DATE] [--reason TEXT] [--actor NAME]",
     "add a review"},
    {"review list", DB_OPEN, cmd_review_list, "[--as-of DATE] [--format table|json]", "list reviews"},
    {"rec add", DB_OPEN, cmd_rec_add,
     "ID --review R --title T [--text-file F] [--topic T] [--owner O] [--priority P1..P4] "
     "[--parent ID] [--due DATE] [--status S] [--board B] [--recurring] [--effective DATE] "
     "[--reason TEXT] [--actor NAME]",
     "add a recommendation"},
    {"rec set", DB_OPEN, cmd_rec_set,
     "ID FIELD=VALUE... [--effective DATE] [--reason TEXT] [--actor NAME]\n"
     "  fields: title, text, topic, owner, priority, status, board, recurring, due, restricted",
     "change fields of a recommendation"},
    {"rec show", DB_OPEN, cmd_rec_show, "ID [--as-of DATE] [--known-at DATETIME] [--format text|json]",
     "show a recommendation as it stood"},
    {"rec list", DB_OPEN, cmd_rec_list,
     "[--review R] [--status S] [--as-of DATE] [--known-at DATETIME] [--format table|json|csv]",
     "list recommendations"},
    {"rec history", DB_OPEN, cmd_rec_history, "ID [--format text|json]",
     "every change of a recommendation, with both times"},
    {"rec link", DB_OPEN, cmd_rec_link,
     "ID --related OTHER | --derived-from OTHER | --supersedes OTHER [--remove] "
     "[--effective DATE] [--reason TEXT] [--actor NAME]",
     "relate two recommendations"},
    {"milestone add", DB_OPEN, cmd_milestone_add,
     "REC --title T [--status S] [--due DATE] [--done DATE] [--effective DATE] [--reason TEXT] "
     "[--actor NAME]",
     "add a milestone to a recommendation; prints its id"},
    {"milestone set", DB_OPEN, cmd_milestone_set,
     "MID FIELD=VALUE... [--effective DATE] [--reason TEXT] [--actor NAME]\n"
     "  fields: title, status, due, done, restricted",
     "change fields of a milestone"},
    {"import", DB_OPEN, cmd_import, "FILE  (canonical JSON, see docs/format.md)",
     "import changes from a canonical JSON file, all or nothing"},
    {"export", DB_OPEN, cmd_export, "[--as-of DATE] | --public",
     "print the whole log as canonical JSON (--public: its public side, docs/ledger.md)"},
    {"demo", DB_OPEN, cmd_demo, "", "load the bundled demo data (SSR1) into an empty database"},
    {"verify", DB_OPEN, cmd_verify, "[--checkpoint FILE [--key KEY]]",
     "check the hash chain and the Merkle tree of the whole log, and a saved checkpoint"},
    {"rebuild", DB_OPEN, cmd_rebuild, "[--tree]",
     "rebuild every projection table and the Merkle tree from the log (--tree: the tree only)"},
    {"checkpoint", DB_OPEN, cmd_checkpoint, "[--key FILE]",
     "sign and print a checkpoint of the log (C2SP tlog-checkpoint)"},
    {"key show", DB_OPEN, cmd_key_show, "", "print the log's public key (C2SP verifier key)"},
    {"proof inclusion", DB_OPEN, cmd_proof_inclusion, "SEQ|FROM..TO [--size N]",
     "print the proof that a change is in the log (JSON)"},
    {"proof consistency", DB_OPEN, cmd_proof_consistency, "OLD|FROM..TO NEW",
     "print the proof that the log of NEW changes extends that of OLD (JSON)"},
    {"verify-proof", DB_NONE, cmd_verify_proof,
     "--proof FILE --checkpoint FILE --key KEY [--old-checkpoint FILE] [--leaf HEX]",
     "check a proof against signed checkpoints, offline (no database)"},
    {NULL, 0, NULL, NULL, NULL},
};
