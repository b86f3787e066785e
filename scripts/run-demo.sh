#!/bin/sh
# `make run`: a fresh demo database, then the SSR1 implementation status as
# ICANN reported it on 18 March 2014, then the dashboard (when built in).
set -eu
bin=${1:-build/ssrtrack}
db=${SSRTRACK_DEMO_DB:-build/demo.db}
rm -f "$db" "$db-wal" "$db-shm"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo
echo
"$bin" --db "$db" rec list --review SSR1 --as-of 2014-03-18
