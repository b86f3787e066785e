# The escaping formatter's calls, checked as the compiler checks printf's:
# literal formats, known conversions, the right number of arguments, and
# (by compiling each call rewritten as printf) the right argument types.
. "$(dirname "$0")/lib.sh"

CHECK="$ROOT/tests/tools/fmtcheck.py"
GEN="$ROOT/${BUILD:-build}/gen"
HDR="$T/fmtcheck.h"
echo 'int fmtcheck_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));' >"$HDR"
# shellcheck disable=SC2046
FLAGS="-std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -fsyntax-only -Wformat -Werror=format -Wno-format-zero-length -include $HDR -I$ROOT/src -I$GEN $(pkg-config --cflags sqlite3 libmicrohttpd jansson libcmark libsodium libcurl 2>/dev/null)"

# compile_all DIR: compile every emitted .c under DIR; prints the errors.
compile_all() {
    local f rel dir msg out=""
    while IFS= read -r f; do
        # the emitted file's folder under DIR, as dirname would name it
        rel=${f#"$1"/}; dir=.
        [[ $rel == */* ]] && dir=${rel%/*}
        # shellcheck disable=SC2086
        msg=$(cd "$ROOT" && LC_ALL=C cc $FLAGS -iquote "$ROOT/$dir" "$f" 2>&1) ||
            out+="$(grep -m3 -E 'error' <<<"$msg" || echo "$f: cc failed: $msg")"$'\n'
    done < <(find "$1" -name '*.c' | sort)
    printf '%s' "$out"
}

# The checker must catch what it is there to catch.
mkdir -p "$T/bad/src"
cat >"$T/bad/src/bad.c" <<'C'
#include "util/fmt.h"
static void f(buf_t *b, const char *s, int n)
{
    bfmt(b, "<a href=\"/recs/%u\">", s);
}
static void g(buf_t *b, const char *s) { bfmt(b, "%h %h", s); bfmt(b, s); bfmt(b, "%q", s); }
C
out=$(cd "$T/bad" && python3 "$CHECK" --emit "$T/bad/out" src/bad.c)
has "a missing argument is caught" "$out" "bad.c:6: bfmt format takes 2 argument"
has "a format that is not a literal is caught" "$out" "bad.c:6: bfmt format is not a string literal"
has "an unknown conversion is caught" "$out" "bad.c:6: bfmt conversion '%q'"
errs=$(compile_all "$T/bad/out")
has "a wrong argument type is caught by the compiler" "$errs" "format '%u' expects argument of type 'unsigned int'"

# Every call in the sources.
out=$(cd "$ROOT" && python3 "$CHECK" --emit "$T/out" $(cd "$ROOT" && find src -name '*.c' | sort))
if [ -z "$out" ]; then pass "every bfmt call has a literal format with known conversions and the right count"
else fail "every bfmt call has a literal format with known conversions and the right count" "$out"; fi
errs=$(compile_all "$T/out")
# Nothing emitted would pass with nothing compiled: the sources' count is known.
n_src=$(find "$ROOT/src" -name '*.c' | wc -l)
n_out=$(find "$T/out" -name '*.c' | wc -l)
[ "$n_src" -gt 100 ] && [ "$n_out" -eq "$n_src" ] || errs+="emitted $n_out files of $n_src sources"
if [ -z "$errs" ]; then pass "every bfmt argument has the type its conversion takes ($n_out files)"
else fail "every bfmt argument has the type its conversion takes" "$errs"; fi
