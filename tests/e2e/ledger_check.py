#!/usr/bin/env python3
"""An independent checker of ssrtrack's ledger, for the end-to-end tests.

Written from docs/ledger.md, RFC 9162 and the C2SP signed-note and
tlog-checkpoint specifications, sharing no code with the C implementation:
the entry encoding, leaf and node hashes, the tree head, the inclusion and
consistency proofs (the expected hashes by the RFC's recursive definitions,
and the RFC's verification algorithms), the restricted rule, and Ed25519
signatures (the RFC 8032 reference verification, in pure Python).

    ledger_check.py proofs EXPORT PROOFS...   every proof in the files
    ledger_check.py public PUBLIC EXPORT      the public export against the full one
    ledger_check.py note CHECKPOINT VKEY      a signed checkpoint; prints size and root hex
    ledger_check.py rebuild PUBLIC            the root from the public export alone

Prints one line per problem and exits 1 when there is any."""
import base64
import hashlib
import json
import sys

FIELDS = ["seq", "entity", "entity_id", "field", "value", "effective_at", "recorded_at", "actor", "reason"]
# Version 2 entries (a "tx" that is not null) add these two after them.
FIELDS_V2 = FIELDS + ["reported", "tx"]
problems = []


def problem(msg):
    if len(problems) < 20:
        print("ledger_check: " + msg)
    problems.append(msg)


def sha256(b):
    return hashlib.sha256(b).digest()


def fields_of(change):
    return FIELDS_V2 if change.get("tx") is not None else FIELDS


def encode(change):
    out = b""
    for f in fields_of(change):
        v = str(change[f]).encode("utf-8")
        out += len(v).to_bytes(4, "big") + v
    return out


def leaf_hash(change):
    return sha256(b"\x00" + encode(change))


def node(left, right):
    return sha256(b"\x01" + left + right)


class Tree:
    """MTH over a list of leaf hashes, memoised by range."""

    def __init__(self, leaves):
        self.leaves = leaves
        self.memo = {}

    def mth(self, lo, hi):
        if hi == lo:
            return sha256(b"")
        if hi - lo == 1:
            return self.leaves[lo]
        key = (lo, hi)
        if key not in self.memo:
            k = 1
            while k * 2 < hi - lo:
                k *= 2
            self.memo[key] = node(self.mth(lo, lo + k), self.mth(lo + k, hi))
        return self.memo[key]

    def path(self, m, lo, hi):
        """RFC 9162 2.1.3.1 PATH(m, D[lo:hi]), m relative to lo."""
        if hi - lo == 1:
            return []
        k = 1
        while k * 2 < hi - lo:
            k *= 2
        if m < k:
            return self.path(m, lo, lo + k) + [self.mth(lo + k, hi)]
        return self.path(m - k, lo + k, hi) + [self.mth(lo, lo + k)]

    def subproof(self, m, lo, hi, whole):
        """RFC 9162 2.1.4.1 SUBPROOF(m, D[lo:hi], b), m relative to lo."""
        if m == hi - lo:
            return [] if whole else [self.mth(lo, hi)]
        k = 1
        while k * 2 < hi - lo:
            k *= 2
        if m <= k:
            return self.subproof(m, lo, lo + k, whole) + [self.mth(lo + k, hi)]
        return self.subproof(m - k, lo + k, hi, False) + [self.mth(lo, lo + k)]


def verify_inclusion(index, size, leaf, path, root):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, path):
    """RFC 9162 2.1.4.2, with the usual cases for equal sizes and size 0."""
    if first == second:
        return not path and first_hash == second_hash
    if first == 0:
        return not path
    if not path or first > second:
        return False
    if first & (first - 1) == 0:
        path = [first_hash] + path
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def hidden_seqs(changes):
    """The restricted rule of docs/ledger.md, from the final state of the log."""
    state = {}
    for c in changes:
        state.setdefault((c["entity"], c["entity_id"]), {})[c["field"]] = c["value"]

    def hidden(kind, ident, depth=0):
        v = state.get((kind, ident))
        if v is None or depth > 32:
            return True
        if v.get("restricted") == "true":
            return True
        if kind == "rec" and v.get("parent"):
            return hidden("rec", v["parent"], depth + 1)
        if kind == "milestone":
            return hidden("rec", v["rec"], depth + 1)
        if kind == "link":
            return hidden("rec", v["rec"], depth + 1) or hidden("rec", v["other"], depth + 1)
        if kind == "evidence":
            return hidden(v["target_kind"], v["target"], depth + 1)
        return False

    return {c["seq"] for c in changes if hidden(c["entity"], c["entity_id"])}


def load_json_values(path):
    """A file of one JSON value or an array of them."""
    with open(path, encoding="utf-8") as f:
        v = json.load(f)
    return v if isinstance(v, list) else [v]


def check_proofs(export, files):
    changes = json.load(open(export, encoding="utf-8"))["changes"]
    leaves = [leaf_hash(c) for c in changes]
    for i, c in enumerate(changes):
        if c["seq"] != i + 1:
            problem("export: seq %d at position %d" % (c["seq"], i))
    hidden = hidden_seqs(changes)
    tree = Tree(leaves)
    counts = {"inclusion": 0, "consistency": 0}
    for path in files:
        for p in load_json_values(path):
            counts[p["type"]] += 1
            hx = lambda hs: [bytes.fromhex(h) for h in hs]
            if p["type"] == "inclusion":
                seq, size = p["seq"], p["tree_size"]
                root = tree.mth(0, size)
                want = tree.path(seq - 1, 0, size)
                if p["leaf_index"] != seq - 1 or bytes.fromhex(p["leaf_hash"]) != leaves[seq - 1]:
                    problem("inclusion %d/%d: wrong leaf" % (seq, size))
                if bytes.fromhex(p["root_hash"]) != root:
                    problem("inclusion %d/%d: wrong root" % (seq, size))
                if hx(p["path"]) != want:
                    problem("inclusion %d/%d: the path is not the RFC's" % (seq, size))
                if not verify_inclusion(seq - 1, size, leaves[seq - 1], hx(p["path"]), root):
                    problem("inclusion %d/%d: does not verify" % (seq, size))
                shown = p["change"]
                if (shown is None) != (seq in hidden):
                    problem("inclusion %d: content %s but the rule says %s" %
                            (seq, "hidden" if shown is None else "shown", "hidden" if seq in hidden else "public"))
                if shown is not None and any(shown.get(f) != changes[seq - 1].get(f) for f in fields_of(changes[seq - 1])):
                    problem("inclusion %d: the content differs from the export" % seq)
            else:
                old, new = p["old_size"], p["new_size"]
                r1, r2 = tree.mth(0, old), tree.mth(0, new)
                want = [] if old == 0 else tree.subproof(old, 0, new, True)
                if bytes.fromhex(p["old_root"]) != r1 or bytes.fromhex(p["new_root"]) != r2:
                    problem("consistency %d/%d: wrong roots" % (old, new))
                if hx(p["path"]) != want:
                    problem("consistency %d/%d: the path is not the RFC's" % (old, new))
                if not verify_consistency(old, new, r1, r2, hx(p["path"])):
                    problem("consistency %d/%d: does not verify" % (old, new))
                if p["path"] and verify_consistency(old, new, r1, node(r2, r2), hx(p["path"])):
                    problem("consistency %d/%d: verifies against a wrong root" % (old, new))
    print("checked %d inclusion and %d consistency proofs over %d leaves" %
          (counts["inclusion"], counts["consistency"], len(leaves)))


def rebuild(public_path):
    """The root of the public export, from its content and leaf hashes."""
    doc = json.load(open(public_path, encoding="utf-8"))
    if doc.get("format") != "ssrtrack-ledger":
        problem("public: not an ssrtrack-ledger document")
    leaves = []
    for i, e in enumerate(doc["entries"]):
        if e["seq"] != i + 1:
            problem("public: seq %d at position %d" % (e["seq"], i))
        lh = bytes.fromhex(e["leaf_hash"])
        if e.get("hidden"):
            if set(e) != {"seq", "leaf_hash", "hidden"}:
                problem("public: hidden seq %d carries more than seq and leaf hash" % e["seq"])
        elif leaf_hash(e) != lh:
            problem("public: seq %d: its content does not hash to its leaf_hash" % e["seq"])
        leaves.append(lh)
    root = Tree(leaves).mth(0, len(leaves))
    if doc["tree_size"] != len(leaves) or bytes.fromhex(doc["root_hash"]) != root:
        problem("public: tree_size or root_hash differs from the entries")
    return doc, root


def check_public(public_path, export_path):
    doc, root = rebuild(public_path)
    changes = json.load(open(export_path, encoding="utf-8"))["changes"]
    hidden = hidden_seqs(changes)
    if root != Tree([leaf_hash(c) for c in changes]).mth(0, len(changes)):
        problem("public: its root is not the full log's")
    for e, c in zip(doc["entries"], changes):
        if bool(e.get("hidden")) != (c["seq"] in hidden):
            problem("public: seq %d is %s, the rule says %s" %
                    (c["seq"], "hidden" if e.get("hidden") else "shown", "hidden" if c["seq"] in hidden else "public"))
    print("public export: %d entries, %d hidden, root %s" % (len(changes), len(hidden), root.hex()))


# --- Ed25519 verification (RFC 8032 section 6) -------------------------------------

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _add(p1, p2):
    a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P
    b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P
    c = 2 * p1[3] * p2[3] * D % P
    d = 2 * p1[2] * p2[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _equal(p1, p2):
    return (p1[0] * p2[2] - p2[0] * p1[2]) % P == 0 and (p1[1] * p2[2] - p2[1] * p1[2]) % P == 0


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    if x2 % P == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


def _decompress(s):
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
BASE = (_GX, _GY, 1, _GX * _GY % P)


def ed25519_verify(public, msg, sig):
    if len(public) != 32 or len(sig) != 64:
        return False
    a, r = _decompress(public), _decompress(sig[:32])
    s = int.from_bytes(sig[32:], "little")
    if a is None or r is None or s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(sig[:32] + public + msg).digest(), "little") % L
    return _equal(_mul(s, BASE), _add(r, _mul(h, a)))


def check_note(note_path, vkey):
    """A C2SP signed checkpoint against a verifier key NAME+HASH+BASE64(0x01||key)."""
    name, khash, kb64 = vkey.strip().split("+", 2)
    raw = base64.b64decode(kb64)
    if raw[0] != 1 or len(raw) != 33:
        problem("note: not an Ed25519 verifier key")
        return
    pub = raw[1:]
    kid = sha256(name.encode() + b"\n\x01" + pub)[:4]
    if kid.hex() != khash:
        problem("note: the key hash of the verifier key is wrong")
    data = open(note_path, "rb").read()
    cut = data.rfind(b"\n\n")
    text, sigs = data[:cut + 1], data[cut + 2:]
    ok = False
    for line in sigs.decode().splitlines():
        if not line.startswith("\u2014 "):
            problem("note: a line after the blank line is not a signature")
            continue
        lname, b64 = line[2:].split(" ")
        blob = base64.b64decode(b64)
        if lname == name and blob[:4] == kid:
            ok = ed25519_verify(pub, text, blob[4:])
    if not ok:
        problem("note: no valid signature by %s" % name)
    lines = text.decode().split("\n")
    if lines[0] != name:
        problem("note: the origin line is not the key's name")
    print("%s %s" % (lines[1], base64.b64decode(lines[2]).hex()))


def main(argv):
    cmd = argv[1]
    if cmd == "proofs":
        check_proofs(argv[2], argv[3:])
    elif cmd == "public":
        check_public(argv[2], argv[3])
    elif cmd == "rebuild":
        doc, root = rebuild(argv[2])
        print("%d %s" % (len(doc["entries"]), root.hex()))
    elif cmd == "note":
        check_note(argv[2], argv[3])
    else:
        print("usage: see the top of this file")
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
