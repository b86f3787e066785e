#!/usr/bin/env python3
"""An independent verifier of ssrtrack's published log, for the end-to-end
tests: it knows only C2SP tlog-tiles, tlog-checkpoint and signed-note,
RFC 9162 and docs/ledger.md, and talks to nothing but a plain HTTP server
that serves the files `ssrtrack site` wrote (or `ssrtrack serve` itself).

    tiles_check.py URL VKEY [OLD_CHECKPOINT_FILE]

URL is where the log is published (its checkpoint is URL/checkpoint). It
checks the checkpoint's Ed25519 signature with VKEY (Debian's python3-nacl),
fetches every tile of its tree, checks each entry bundle against the leaves
and each public entry's content against its leaf hash, rebuilds the root from
the leaves and every higher tile from the level below, then builds inclusion
proofs of every leaf and consistency proofs from every smaller size from the
tiles alone (RFC 9162 2.1.3.1, 2.1.4.1) and checks them with the RFC's
verification algorithms. Given an older signed checkpoint, it also proves the
newer tree consistent with it. Prints "ok: ..." or one line per problem and
exits 1."""
import base64
import json
import sys
import urllib.request

import nacl.exceptions
import nacl.signing

# The entry encoding, RFC 9162's tree, proofs and their verification, from
# the ledger's own independent checker (same directory).
from ledger_check import Tree, encode, node, sha256, verify_consistency, verify_inclusion

problems = []
fetched = {}


def problem(msg):
    if len(problems) < 20:
        print("tiles_check: " + msg)
    problems.append(msg)


def fetch(base, path):
    if path not in fetched:
        with urllib.request.urlopen(base + "/" + path) as r:
            fetched[path] = r.read()
    return fetched[path]


def open_note(text, vkey):
    """C2SP signed-note: the body if a signature by vkey verifies, else None."""
    name, keyhash, key = vkey.strip().split("+", 2)
    key = base64.b64decode(key)
    if key[0] != 1 or sha256(name.encode() + b"\n" + key)[:4].hex() != keyhash:
        raise SystemExit("tiles_check: a malformed verifier key")
    body, _, sigs = text.partition("\n\n")
    body += "\n"
    for line in sigs.splitlines():
        if not line.startswith("\u2014 " + name + " "):
            continue
        sig = base64.b64decode(line.split(" ")[2])
        if sig[:4].hex() != keyhash:
            continue
        try:
            nacl.signing.VerifyKey(key[1:]).verify(body.encode(), sig[4:])
            return body
        except nacl.exceptions.BadSignatureError:
            pass
    return None


def checkpoint(text, vkey):
    body = open_note(text, vkey)
    if body is None:
        raise SystemExit("tiles_check: the checkpoint's signature does not verify")
    lines = body.split("\n")
    return int(lines[1]), base64.b64decode(lines[2])


def tile_path(level, n, width):
    """C2SP tlog-tiles: tile/<L>/<N>[.p/<W>], N in groups of three digits."""
    groups = []
    while True:
        groups.insert(0, "%03d" % (n % 1000))
        n //= 1000
        if n == 0:
            break
    idx = "/".join(["x" + g for g in groups[:-1]] + [groups[-1]])
    return "tile/%s/%s" % (level, idx) + (".p/%d" % width if width < 256 else "")


class Tiles(Tree):
    """The tree of size leaves, read from its tiles: RFC 9162's PATH and
    SUBPROOF (Tree's) over subtree hashes taken from the tiles alone."""

    def __init__(self, base, size):
        super().__init__([])
        self.base, self.size = base, size

    def tile(self, level, n):
        """The hashes of tile n of level: full if the tree has it, else partial."""
        span = 256 ** level
        width = min(256, self.size // span - n * 256)
        data = fetch(self.base, tile_path(level, n, width))
        if len(data) != 32 * width:
            problem("%s: %d bytes, expected %d" % (tile_path(level, n, width), len(data), 32 * width))
        return [data[i:i + 32] for i in range(0, len(data), 32)]

    def subtree(self, height, index):
        """The hash of the complete subtree of 2^height leaves at index."""
        if height % 8 == 0:
            return self.tile(height // 8, index // 256)[index % 256]
        if (height, index) not in self.memo:
            self.memo[(height, index)] = node(self.subtree(height - 1, 2 * index),
                                              self.subtree(height - 1, 2 * index + 1))
        return self.memo[(height, index)]

    def mth(self, lo, hi):
        """MTH(D[lo:hi]) for a range that splits into complete subtrees."""
        n = hi - lo
        if n == 0:
            return sha256(b"")
        if n & (n - 1) == 0 and lo % n == 0:
            return self.subtree(n.bit_length() - 1, lo // n)
        k = 1 << ((n - 1).bit_length() - 1)
        return node(self.mth(lo, lo + k), self.mth(lo + k, hi))


def check_entries(base, t, leaves):
    """Bundles hold each leaf hash; content hashes to it or is withheld."""
    public = 0
    for n in range(0, (len(leaves) + 255) // 256):
        width = min(256, len(leaves) - n * 256)
        data = fetch(base, tile_path("entries", n, width))
        mine = leaves[n * 256:n * 256 + width]
        got = [data[i + 2:i + 34] for i in range(0, len(data), 34) if data[i:i + 2] == b"\x00\x20"]
        if got != mine or len(data) != 34 * width:
            problem("entry bundle %d does not hold the leaves of tile 0/%d" % (n, n))
        content = json.loads(fetch(base, "content/" + tile_path(0, n, 256)[7:] + ".json"))
        entries = content["entries"]
        if content["start"] != n * 256 + 1 or len(entries) < width:
            problem("content %d: starts at %s with %d entries" % (n, content["start"], len(entries)))
        for i, e in enumerate(entries[:width]):
            seq = n * 256 + i + 1
            if e["seq"] != seq or bytes.fromhex(e["leaf_hash"]) != mine[i]:
                problem("content of seq %d: its seq or leaf hash differs from the tiles" % seq)
            elif not e.get("hidden"):
                public += 1
                if sha256(b"\x00" + encode(e)) != mine[i]:
                    problem("seq %d: its content does not hash to its leaf" % seq)
    return public


def main():
    base, vkey = sys.argv[1].rstrip("/"), open(sys.argv[2]).read()
    size, root = checkpoint(fetch(base, "checkpoint").decode(), vkey)
    t = Tiles(base, size)
    leaves = [h for n in range((size + 255) // 256) for h in t.tile(0, n)]
    if len(leaves) != size:
        problem("the level-0 tiles hold %d leaves, the checkpoint says %d" % (len(leaves), size))
    # Every higher tile from the leaves, and the root.
    level = 1
    while 256 ** level <= size:
        span = 256 ** level
        for n in range((size // span + 255) // 256):
            for k, h in enumerate(t.tile(level, n)):
                lo = (n * 256 + k) * span
                if h != rebuild(leaves[lo:lo + span]):
                    problem("tile %d/%d hash %d is not the root of its leaves" % (level, n, k))
        level += 1
    if rebuild(leaves) != root:
        problem("the root of the leaves is not the checkpoint's root")
    public = check_entries(base, t, leaves)
    # Proofs from the tiles alone.
    for i in range(size):
        if not verify_inclusion(i, size, leaves[i], t.path(i, 0, size), root):
            problem("the inclusion proof of leaf %d does not verify" % i)
    step = max(1, size // 300)
    for m in list(range(1, size, step)) + [size]:
        if not verify_consistency(m, size, t.mth(0, m), root, t.subproof(m, 0, size, True)):
            problem("the consistency proof from size %d does not verify" % m)
    if len(sys.argv) > 3:
        old_size, old_root = checkpoint(open(sys.argv[3]).read(), vkey)
        if old_size > size or not verify_consistency(old_size, size, old_root, root,
                                                     t.subproof(old_size, 0, size, True)):
            problem("the log of the old checkpoint (size %d) is not a prefix of this one" % old_size)
    if problems:
        sys.exit(1)
    print("ok: size %d, root %s, %d public entries, %d files fetched" % (size, root.hex(), public, len(fetched)))


def rebuild(leaves):
    """MTH by the RFC's recursion, from leaf hashes."""
    return Tree(leaves).mth(0, len(leaves))


if __name__ == "__main__":
    main()
