# End-to-end: a short run of the crash test (tests/crash/crash.py): CLI and
# API writers on one database while the server or a writer is killed with
# SIGKILL; after each cycle the file is intact and holds every acknowledged
# write, whole. `make crash` runs the full length. CRASH_SEED replays a run.
. "$(dirname "$0")/lib.sh"

CRASH_CYCLES=${CRASH_CYCLES:-16} CRASH_NAME=$NAME CRASH_DIR=$T python3 "$ROOT/tests/crash/crash.py"
