# End-to-end: every command's usage line (`ssrtrack help CMD`) names exactly
# the options its parser accepts, each with a value or without one as the
# parser takes it (SSRTRACK_LIST_OPTIONS, docs/cli.md), so the two cannot
# drift apart.
. "$(dirname "$0")/lib.sh"
"$BIN" init >/dev/null
cmds=$("$BIN" help | sed -n 's/^  \([a-z-]*\( [a-z-]*\)\?\)  .*/\1/p' | sed 's/ *$//')
[ "$(wc -l <<<"$cmds")" -gt 20 ] && pass "help lists the commands" || fail "help lists the commands" "$cmds"
# usage_options: the options in the usage text on stdin, one per line, with
# " VALUE" after one followed by a word that is neither an option nor "|".
opt_re='^(--[a-z]|-[a-z]$)'
usage_options() {
    local text words i w nxt
    text=$(</dev/stdin)
    text=${text//[/ } text=${text//]/ } text=${text//|/ | }
    read -ra words -d '' <<<"$text"
    for ((i = 0; i < ${#words[@]}; i++)); do
        w=${words[i]}
        [[ $w =~ $opt_re ]] || continue
        nxt=${words[i + 1]:-}
        if [ -n "$nxt" ] && [ "$nxt" != "|" ] && ! [[ $nxt =~ $opt_re ]]; then echo "$w VALUE"; else echo "$w"; fi
    done
}
bad=0
while read -r cmd; do
    # shellcheck disable=SC2086
    parser=$(SSRTRACK_LIST_OPTIONS=1 "$BIN" $cmd 2>/dev/null | sort)
    # The usage: its first line after the name, and the lines that continue
    # it (indented), but not the list of fields nor the help line.
    usage=$("$BIN" help $cmd | sed '$d' | grep -v '^  fields:' | sed "1s/^usage: ssrtrack $cmd//" | usage_options | sort -u)
    if [ "$parser" != "$usage" ]; then
        bad=1
        fail "usage of '$cmd' matches its parser" "parser: $(echo $parser)" "usage:  $(echo $usage)"
    fi
done <<<"$cmds"
[ "$bad" -eq 0 ] && pass "every usage line names exactly the options its parser accepts ($(wc -l <<<"$cmds") commands)"
