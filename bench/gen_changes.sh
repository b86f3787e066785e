#!/bin/sh
# Write a canonical JSON document of RECS recs with CHANGES changes each
# (default 10,000 x 100 = 1M changes) to stdout, for the benchmarks.
# Each rec is created, then its status, owner and due date change on
# successive effective dates from 2012 on.
recs=${1:-10000}
per=${2:-100}
awk -v recs="$recs" -v per="$per" 'BEGIN {
    srand(42)
    split("not_started planning in_progress complete ongoing deferred", st, " ")
    print "{\"format\": \"ssrtrack\", \"version\": 1, \"changes\": ["
    printf "{\"entity\": \"review\", \"entity_id\": \"B1\", \"field\": \"title\", \"value\": \"Benchmark review\", \"effective_at\": \"2012-01-01\"}"
    for (r = 1; r <= recs; r++) {
        id = "B1-" r
        printf ",\n{\"entity\": \"rec\", \"entity_id\": \"%s\", \"field\": \"review\", \"value\": \"B1\", \"effective_at\": \"2012-01-01\"}", id
        printf ",\n{\"entity\": \"rec\", \"entity_id\": \"%s\", \"field\": \"title\", \"value\": \"Recommendation number %d of the benchmark\", \"effective_at\": \"2012-01-01\"}", id, r
        for (c = 3; c <= per; c++) {
            day = 1 + (c * 37) % 28; month = 1 + (c % 12); year = 2012 + int(c / 12)
            eff = sprintf("%04d-%02d-%02d", year, month, day)
            k = c % 3
            if (k == 0) { f = "status"; v = st[1 + int(rand() * 6)] }
            else if (k == 1) { f = "owner"; v = "owner " int(rand() * 50) }
            else { f = "due"; v = sprintf("%04d-%02d-%02d", 2015 + int(rand() * 10), 1 + int(rand() * 12), 1 + int(rand() * 28)) }
            printf ",\n{\"entity\": \"rec\", \"entity_id\": \"%s\", \"field\": \"%s\", \"value\": \"%s\", \"effective_at\": \"%s\"}", id, f, v, eff
        }
    }
    print "\n]}"
}'
