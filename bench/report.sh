#!/usr/bin/env bash
# Turn the results of a benchmark run into docs/performance.md (stdout).
set -euo pipefail
results=$1
figures=${results%.tsv}.figures
cpu=$(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
cores=$(nproc)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release && echo "$PRETTY_NAME")
cat <<MD
# Performance

Measured by \`bench/run.sh\` (which rewrites this page) on $(date -u +%F).
Each figure is the median of ${RUNS:-5} runs, with the fastest and slowest run;
every comparison is against a peer measured in the same run on the same machine.
Timings are wall-clock, so they carry the machine's noise: they are never used
as pass/fail thresholds in the test suite.

- Machine: $cpu, $cores cores, $mem RAM; $os
- ssrtrack $("${BIN:-build/ssrtrack}" --version | cut -d' ' -f2), $(gcc --version | head -1),
  SQLite $(pkg-config --modversion sqlite3), Jansson $(pkg-config --modversion jansson), libsodium $(pkg-config --modversion libsodium)

## Figures against their targets

| area | figure | this run | target | met |
| --- | --- | ---: | --- | --- |
MD
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$figures"
cat <<'MD'

## Measurements

| area | what | median | min – max | peak memory |
| --- | --- | ---: | ---: | ---: |
MD
awk -F'\t' '{ mem = $7 > 0 ? sprintf("%.1f MiB", $7 / 1024) : "–"
              printf "| %s | %s | %s %s | %s – %s | %s |\n", $1, $2, $3, $6, $4, $5, mem }' "$results"
cat <<'MD'

## What each benchmark does

- **store** (`bench/store.sh`): `bench/gen_changes.sh` writes 10,000 recs with
  100 changes each (1,000,001 changes, effective dates spread over 2012–2020)
  as canonical JSON. *import* loads it into a fresh database: parsing, validation,
  the hash chain, and the current and version projections, in one transaction.
  Its peer is the sqlite3 shell importing the same rows as CSV into a bare
  table with the same index — the floor for getting these rows into SQLite.
  *rec list* reads the current table; *--as-of* reads the version table (one
  seek per rec); *--known-at* folds the log itself. *verify* re-hashes the whole
  chain; its peer is the sqlite3 shell hashing every row with `sha3_query`.
- **csv** (`bench/csv.sh`): a CSV table of 10,000 recs with 10 dated rows
  each (100,000 rows; every row sets status, board and owner, the first also
  review and title) imported with `import --format csv` into a fresh
  database, in one transaction. Its peers: our canonical JSON import of the
  very changes the CSV import made (exported with `--as-of`, so without seq
  and hash), and the sqlite3 shell's `.import` of the same file into a bare
  table with an index on (id, effective) — the floor for getting these rows
  into SQLite, with no checking, hashing or history.
- **docs** (`bench/docs.sh`): importing each source document (the SSR1 report,
  the SSR2 assessment) into a fresh database, and every report in every format
  on the demo, each as a whole `ssrtrack` process. The import's peer is the
  canonical JSON import of exactly the changes the document import produced
  (the same writes without the parsing); the reports' peer is
  `rec list --format json` on the same data.
- **links** (`bench/links.sh`): 1,000 evidence URLs on our own test server
  (`tests/tools/testhttpd.c` on 127.0.0.1), each answering after 100 ms.
  *evidence check* runs with 50 transfers at once on a fresh copy of the
  database each time, so every URL is a first check (one GET, body hashed)
  and every result is written to the checks table. Its peer is Debian's
  `linkchecker` with 50 threads, reading the same 1,000 URLs from one page
  (recursion level 1; its per-host rate limit lifted, which the server
  allows). Before timing, both runs are checked to have passed every URL.
  The floor is 1,000 × 100 ms / 50 = 2 s: the figure against it shows what
  the checker adds to waiting for the server.
- **ledger** (`bench/ledger.sh`): the same 1M-change log. *rebuild --tree*
  builds the Merkle tree from scratch: it reads every row, hashes its leaf and
  the nodes above it, and writes the stored subtrees, in one transaction. Its
  peer is python3's hashlib building the same tree from the same encoded rows
  (their root is checked to be ours), with `sha256sum` over those bytes as
  the floor for hashing them once. A proof's cost is measured as one process
  printing 20,000 consecutive proofs against one printing a single proof,
  divided by the proofs: reads of the stored nodes and of at most 16 rows,
  hashing, and the JSON. *verify* re-hashes the chain and recomputes the tree
  from the rows, comparing it with the stored one.
- **tiles** (`bench/tiles.sh`): the same 1M-change log, signed. *site
  --ledger-only* writes its C2SP tiles, entry bundles and content files into
  an empty directory, and again into the directory of the previous export
  (full tiles are read and compared there, not rewritten; content is). Its
  peer is `cp -r` of the files the export wrote, the floor for writing them.
  Most of the bytes are the content files (JSON of every public change); the
  tiles and bundles alone are about 66 bytes per entry. The witness is
  `witness serve` on 127.0.0.1 answering one keep-alive client (python3's
  http.client) that sends the log's checkpoint 2,000 times (after 50 to warm
  up), each a full decision: parsing, the log's signature, one synchronous
  SQLite transaction on the state file, and a cosignature. Its peer is the
  same client fetching `/ledger/checkpoint` from `ssrtrack serve`: the HTTP
  round trip and the server library alone.
- **web** (`bench/web.sh`): `ssrtrack serve` on the demo and nginx (as many
  workers as cores, access log off, sendfile) serving the very bytes our
  server sends for `/` and `/recs/SSR1-9` (checked identical before timing),
  on 127.0.0.1. wrk with 2 threads and 64 connections, runs alternating
  between the two servers. Anonymous pages come from ssrtrack's response
  cache, which any write empties; the *rendered each time* rows send a
  bearer token, which bypasses the cache, so each request reads the database
  and builds the page. Peak memory is the servers' high-water resident size
  after all runs (nginx: master and workers summed). wrk shares the two
  cores with the server it measures. The same run then imports 1,000 recs
  (title, status, topic) into the database and the same 1,000 items as
  tickets (title, status, subsystem) into a new Fossil repository, and
  compares our list page (`/recs?review=B1`, cached and rendered each time)
  with `fossil server`'s ticket report (`/rptview?rn=1`, which Fossil
  renders for every request in a process it forks for it); both pages are
  checked to list all 1,000 before timing.
MD
