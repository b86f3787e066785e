# lib.sh — timing helpers for the benchmarks. Sourced by bench/*.sh.
# Results are appended to $RESULTS as tab-separated rows:
#   section  name  median  min  max  unit  peak_kb
set -u
: "${RESULTS:?}"
RUNS=${RUNS:-5}

now_ns() { date +%s%N; }

# measure SECTION NAME UNIT CMD...: run CMD $RUNS times; record the median,
# min and max wall time (ms) and the largest peak RSS (KB).
measure() {
    local section=$1 name=$2 unit=$3; shift 3
    local times=() peak=0 i t0 t1 kb
    for ((i = 0; i < RUNS; i++)); do
        t0=$(now_ns)
        /usr/bin/time -f %M -o "$BENCH_TMP/.rss" "$@" >/dev/null 2>"$BENCH_TMP/.err" || {
            echo "bench: '$name' failed: $(cat "$BENCH_TMP/.err")" >&2; return 1; }
        t1=$(now_ns)
        times+=($(( (t1 - t0) / 1000 )))
        kb=$(tail -1 "$BENCH_TMP/.rss")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    record "$section" "$name" "$unit" "$peak" "${times[@]}"
}

# record SECTION NAME UNIT PEAK_KB MICROS...: median, min and max of MICROS.
record() {
    local section=$1 name=$2 unit=$3 peak=$4; shift 4
    printf '%s\n' "$@" | sort -n | awk -v s="$section" -v n="$name" -v u="$unit" -v p="$peak" '
        { v[NR] = $1 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%s\t%s\t%.3f\t%.3f\t%.3f\t%s\t%s\n", s, n, m / 1000, v[1] / 1000, v[NR] / 1000, u, p }' >>"$RESULTS"
}

# record_values SECTION NAME UNIT PEAK_KB VALUES...: as record, for values
# that are not times (requests per second, latencies read off a tool).
record_values() {
    local section=$1 name=$2 unit=$3 peak=$4; shift 4
    record "$section" "$name" "$unit" "$peak" $(printf '%s\n' "$@" | awk '{ printf "%.0f\n", $1 * 1000 }')
}

# median SECTION NAME: the recorded median (ms).
median() { awk -F'\t' -v s="$1" -v n="$2" '$1 == s && $2 == n { print $3 }' "$RESULTS" | tail -1; }

# figure SECTION TEXT VALUE TARGET MET: a derived figure (a rate or a ratio)
# with its target and whether this run met it (yes/no), for the report.
figure() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"${RESULTS%.tsv}.figures"; }

# calc EXPR: floating-point arithmetic through awk.
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
