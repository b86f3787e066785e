#!/usr/bin/env python3
"""fmtcheck.py: check every bfmt() call in the C sources.

bfmt is our escaping formatter (src/util/fmt.h); the compiler cannot check
its conversions, so this does. For each call it requires that the format is a
string literal (or `cond ? literal : literal`), that every conversion is one
fmt.h defines, and that the number of arguments matches the conversions.
Prints one line per problem as FILE:LINE: message and exits 1 when any.

With --emit DIR it also writes each file with its calls rewritten as
fmtcheck_printf(FORMAT, ARGS...), our conversions turned into printf's, so
that a compiler run with -Wformat checks each argument's type (see
tests/e2e/test_fmtcheck.sh).

usage: fmtcheck.py [--emit DIR] FILE...
"""
import re
import sys

CONV = re.compile(r"%(\.\d)?(h|t|j|J|s|d|u|ld|lu|lld|llu|zu|c|f|%)")
ANY = re.compile(r"%[^%]?")


def strip_comments(src):
    """Blank out comments, keeping newlines (for line numbers) and strings."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(src, start):
    """The comma-separated arguments of the call whose '(' is at start, as
    source text; and the index after ')'."""
    args, depth, i, cur = [], 0, start + 1, []
    while i < len(src):
        c = src[i]
        if c in "\"'":
            j = i + 1
            while src[j] != c:
                j += 2 if src[j] == "\\" else 1
            cur.append(src[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append("".join(cur).strip())
                return args, i + 1
            depth -= 1
        elif c == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    raise ValueError("unterminated call")


LITERALS = re.compile(r'^(\s*"(?:[^"\\]|\\.)*"\s*)+$', re.S)


def literal_text(expr):
    """The joined text of adjacent string literals, or None."""
    if not LITERALS.match(expr):
        return None
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', expr))


def formats(expr):
    """The literal format texts an argument can be, or None."""
    text = literal_text(expr)
    if text is not None:
        return [text]
    m = re.match(r"^[^?\"]+\?(.*)$", expr, re.S)
    if not m:
        return None
    rest = m.group(1)
    # split "A : B" at the colon outside the literals
    parts, cur, q = [], [], False
    k = 0
    while k < len(rest):
        ch = rest[k]
        if ch == "\\" and q:
            cur.append(rest[k:k + 2])
            k += 2
            continue
        if ch == '"':
            q = not q
        if ch == ":" and not q:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        k += 1
    parts.append("".join(cur))
    if len(parts) != 2:
        return None
    texts = [literal_text(p) for p in parts]
    return None if None in texts else texts


def count(fmt, where, problems):
    """The number of arguments fmt takes; reports unknown conversions."""
    n, i = 0, 0
    while True:
        i = fmt.find("%", i)
        if i < 0:
            return n
        m = CONV.match(fmt, i)
        if not m:
            bad = ANY.match(fmt, i).group(0)
            problems.append(f"{where}: bfmt conversion '{bad}' is not one fmt.h defines")
            i += 1
            continue
        if m.group(2) != "%":
            n += 1
        i = m.end()


def string_macros(src):
    """The `#define NAME "literal"` of a file, as {NAME: literal}."""
    return dict(re.findall(r'^#define\s+(\w+)\s+("(?:[^"\\]|\\.)*")\s*$', src, re.M))


def expand(expr, macros):
    """expr with string macros that stand beside literals replaced."""
    for name, lit in macros.items():
        expr = re.sub(r'(?<=["\s])' + name + r'(?=\s*")', lambda _m: lit, expr)
    return expr


def as_printf(expr):
    """The format expression with our conversions turned into printf's:
    %h %t %j %J take a string, like %s."""
    def lit(m):
        return CONV.sub(lambda c: "%" + (c.group(1) or "") + ("s" if c.group(2) in "htjJ" else c.group(2)),
                        m.group(0))
    return re.sub(r'"(?:[^"\\]|\\.)*"', lit, expr)


def check(path, problems, rewritten=None):
    """Check the calls of one file; with rewritten (a list), also append the
    file's text with each call turned into fmtcheck_printf(FORMAT, ARGS...)
    for the compiler to check the argument types."""
    src = strip_comments(open(path, encoding="utf-8").read())
    macros = string_macros(src)
    edits = []
    for m in re.finditer(r"\bbfmt\s*\(", src):
        line = src.count("\n", 0, m.start()) + 1
        where = f"{path}:{line}"
        if src[max(0, m.start() - 6):m.start()].rstrip().endswith("void"):
            continue  # the definition and the declaration
        args, end = split_args(src, m.end() - 1)
        if len(args) < 2:
            problems.append(f"{where}: bfmt needs a buffer and a format")
            continue
        texts = formats(expand(args[1], macros))
        if texts is None:
            problems.append(f"{where}: bfmt format is not a string literal: {args[1][:60]}")
            continue
        wants = {count(t, where, problems) for t in texts}
        if len(wants) != 1:
            problems.append(f"{where}: the two formats of the ?: take different numbers of arguments")
            continue
        want = wants.pop()
        if want != len(args) - 2:
            problems.append(f"{where}: bfmt format takes {want} argument(s), the call passes {len(args) - 2}")
            continue
        call = "fmtcheck_printf(" + ", ".join([as_printf(args[1])] + args[2:]) + ")"
        call += "\n" * src.count("\n", m.start(), end)  # keep later line numbers
        edits.append((m.start(), end, call))
    if rewritten is not None:
        out, at = [], 0
        for a, b, text in edits:
            out.append(src[at:a])
            out.append(text)
            at = b
        out.append(src[at:])
        rewritten.append("".join(out))


def main():
    """fmtcheck.py [--emit DIR] FILE...: with --emit, also write each file,
    its calls rewritten, under DIR (same relative path) for a compiler run."""
    argv = sys.argv[1:]
    emit = None
    if argv[:1] == ["--emit"]:
        emit, argv = argv[1], argv[2:]
    problems = []
    for path in argv:
        out = [] if emit else None
        check(path, problems, out)
        if emit:
            import os
            dest = os.path.join(emit, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "w", encoding="utf-8") as f:
                f.write(out[0])
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
