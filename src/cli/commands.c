/* commands.c — the command table: name, database need, function, usage, help.
 * Adding a command is adding a row here. */
#include "cli/commands.h"

const command_t commands[] = {
    {"init", DB_CREATE, cmd_init, "", "create the database file"},
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
    {"kpi add", DB_OPEN, cmd_kpi_add,
     "REC KPI_ID --name T --unit U --direction up|down [--baseline V@DATE] [--target V[@DATE]] "
     "[--frequency monthly|quarterly|yearly] [--effective DATE] [--reason TEXT] [--actor NAME]",
     "add a KPI (an indicator with a target) to a recommendation"},
    {"kpi record", DB_OPEN, cmd_kpi_record,
     "KPI_ID VALUE [--at DATE] [--evidence URL] [--source TEXT] [--reason TEXT] [--actor NAME]",
     "record a measurement of a KPI (effective on the date measured); prints its id"},
    {"kpi show", DB_OPEN, cmd_kpi_show, "KPI_ID [--as-of DATE] [--known-at DATETIME] [--format text|json]",
     "show a KPI, its measurements and its status (docs/measures.md)"},
    {"kpi list", DB_OPEN, cmd_kpi_list,
     "[--review R] [--as-of DATE] [--known-at DATETIME] [--format table|json]",
     "list KPIs with their status"},
    {"indicators", DB_OPEN, cmd_indicators, "[--review R] [--as-of DATE] [--format text|json]",
     "the built-in indicators of each review (docs/measures.md)"},
    {"evidence add", DB_OPEN, cmd_evidence_add,
     "TARGET URL [--title T] [--kind document|web|briefing|interview|other] [--effective DATE] "
     "[--reason TEXT] [--actor NAME]\n"
     "  TARGET: a rec, a milestone, or an assessment item ASSESSMENT/REC",
     "cite a document or web page as evidence; prints its id"},
    {"evidence list", DB_OPEN, cmd_evidence_list,
     "[--target ID] [--as-of DATE] [--format table|json|csv]",
     "list evidence with the health of its link"},
    {"evidence check", DB_OPEN, cmd_evidence_check,
     "[--concurrency N] [--timeout S] [--total-timeout S] [--allow-private] [--format text|json]",
     "check every evidence URL over HTTP and record the results (docs/measures.md)"},
    /* Two-word report rows stand before any one-word "report" row. */
    {"report evidence", DB_OPEN, cmd_report_evidence, "[--as-of DATE] [--format md|html|csv|json]",
     "the health of every evidence link"},
    {"assess new", DB_OPEN, cmd_assess_new,
     "ID --by REVIEW --of REVIEW --as-of DATE [--title T] [--effective DATE] [--reason T] [--actor N]",
     "start an assessment of one review's recs by another review"},
    {"assess set", DB_OPEN, cmd_assess_set,
     "ID REC FIELD=VALUE... [--effective DATE] [--reason TEXT] [--actor NAME]\n"
     "  fields: rec_text, what_done, implemented (full|partial|not|unknown), effect (achieved|partial|\n"
     "  not_achieved|cannot_assess), how_assessed, relevant (yes|no), further_work,\n"
     "  state (strawman|discussed|approved); a Markdown answer may be @FILE (@- for stdin)",
     "answer the six questions for one rec"},
    {"assess signoff", DB_OPEN, cmd_assess_signoff,
     "ID REC --by NAME [--dissent TEXT] [--withdraw] [--effective DATE] [--reason TEXT]",
     "sign off an assessment item, with any dissent on record"},
    {"assess show", DB_OPEN, cmd_assess_show,
     "ID [REC] [--as-of DATE] [--known-at DATETIME] [--format text|json]",
     "show an assessment (or one item) with counts, evidence, sign-offs and dissent"},
    {"assess list", DB_OPEN, cmd_assess_list, "[--as-of DATE] [--format table|json]", "list assessments"},
    {"report", DB_OPEN, cmd_report,
     "implementation|assessment|quarterly|smart [--review R] [--assessment A] [--as-of DATE]\n"
     "  [--from DATE --to DATE] [--format md|html|csv|json] [--include-restricted]",
     "a report as review teams publish it, generated from the data"},
    {"lint", DB_OPEN, cmd_lint, "[REC] [--strict] [--review R] [--as-of DATE] [--format text|json]",
     "SMART findings per rec (docs/smart.md); --strict exits 1 when there are any"},
    {"import", DB_OPEN, cmd_import,
     "FILE [--format canonical|ssr1-report|ssr2-assessment] [--review R] [--effective DATE]\n"
     "  [--assessment ID] [--by REVIEW] [--of REVIEW] [--as-of DATE] [--actor NAME]",
     "import a canonical JSON file (docs/format.md) or a source document (docs/import.md), all or nothing"},
    {"export", DB_OPEN, cmd_export, "[--as-of DATE]",
     "print the whole log as canonical JSON"},
    {"serve", DB_OPEN, cmd_serve, "[--listen ADDR:PORT] [--threads N] [--access-log FILE] [--quiet]",
     "serve the dashboard, pages and JSON API (default 127.0.0.1:8080)"},
    {"site", DB_OPEN, cmd_site, "DIR [--as-of DATE]", "write the public pages as static files"},
    {"http", DB_OPEN, cmd_http, "  (reads one HTTP request on stdin)", "answer one HTTP request read from stdin"},
    {"user add", DB_OPEN, cmd_user_add, "NAME --role admin|editor|assessor|viewer  (password on stdin)",
     "add a user who can sign in"},
    {"token create", DB_OPEN, cmd_token_create, "NAME", "print a new API token for a user (shown once)"},
    {"demo", DB_OPEN, cmd_demo, "", "load the bundled demo data (SSR1) into an empty database"},
    {"verify", DB_OPEN, cmd_verify, "", "check the hash chain of the whole log"},
    {"rebuild", DB_OPEN, cmd_rebuild, "", "rebuild every projection table from the log"},
    {NULL, 0, NULL, NULL, NULL},
};
