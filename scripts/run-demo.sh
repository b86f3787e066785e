#!/bin/sh
# `make run`: a fresh demo database, the SSR1 implementation status as ICANN
# reported it on 18 March 2014, then the dashboard, served until Ctrl-C.
#   SSRTRACK_DEMO_DB   the database file (default build/demo.db)
#   SSRTRACK_LISTEN    the address to serve on (default 127.0.0.1:8080)
set -eu
bin=${1:-build/ssrtrack}
db=${SSRTRACK_DEMO_DB:-build/demo.db}
listen=${SSRTRACK_LISTEN:-127.0.0.1:8080}
rm -f "$db" "$db-wal" "$db-shm" "$db.key"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo
echo
"$bin" --db "$db" rec list --review SSR1 --as-of 2014-03-18
cat <<MSG

The dashboard: http://$listen/  (Ctrl-C stops it)
To sign in and edit, add a user first, in another terminal:
  $bin --db $db user add NAME --role editor     (reads the password from stdin)
MSG
exec "$bin" --db "$db" serve --listen "$listen"
