#!/usr/bin/env python3
"""crash.py — the crash test. In each cycle, command-line writers and API
writers (against a running `ssrtrack serve`) change one database at once
while the server, a writer process, or both are killed with SIGKILL at a
random moment. After every cycle the file must pass `PRAGMA
integrity_check` and `ssrtrack verify`, hold every write that was
acknowledged (exit 0, HTTP 2xx), hold each write whole or not at all, and
keep projections equal to a rebuild from the log. The server is restarted
for the next cycle; the database carries over, so every cycle checks the
writes of all cycles before it.

Each write sets several fields to one token (also its reason), so the log
says which writes arrived and whether any arrived in part.

SIGKILL ends a process, not the machine: what it proves is that no moment
of a process's life leaves the file broken or an acknowledged write lost.

Environment:
  BIN           the ssrtrack binary (required)
  CRASH_CYCLES  how many cycles (default 200)
  CRASH_SEED    the seed of every random choice (default: new, printed);
                a replay makes the same choices, though threads interleave anew
  CRASH_NAME    the name in the "ok - NAME: ..." lines (default crash)
  CRASH_DIR     the work directory (default: a new temporary one, removed
                unless a check fails)

Prints one "ok"/"not ok" line per kind of check over all cycles, with "#"
lines naming the failures; exits 1 when a check fails. Python's standard
library only.
"""
import datetime
import http.client
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.environ.get("BIN") or sys.exit("crash.py: set BIN to the ssrtrack binary")
CYCLES = int(os.environ.get("CRASH_CYCLES") or 200)
SEED = int(os.environ.get("CRASH_SEED") or random.SystemRandom().randrange(1, 1 << 31))
NAME = os.environ.get("CRASH_NAME") or "crash"
RECS = ["R1-1", "R1-2", "R1-3", "R1-4"]
MILESTONE = "R1-1~1"
CLI_WRITERS = 3
API_WRITERS = 2

# What each kind of write puts in the log: its entity and the fields of its
# rows. The fields in TOKEN_FIELDS carry the write's token as their value.
EXPECT = {
    "rec set": ("rec", {"owner", "topic"}),
    "milestone add": ("milestone", {"rec", "title", "due"}),
    "milestone set": ("milestone", {"title", "status"}),
    "kpi record": ("measurement", {"kpi", "value", "source"}),
    "PATCH rec": ("rec", {"owner", "topic", "text"}),
    "POST milestone": ("milestone", {"rec", "title", "due"}),
    "PATCH milestone": ("milestone", {"title", "status"}),
}
TOKEN_FIELDS = {"owner", "topic", "text", "title", "source"}

# The kinds of check, in the order they are reported.
CHECKS = [
    ("integrity", "PRAGMA integrity_check is ok after every cycle"),
    ("verify", "ssrtrack verify passes after every cycle"),
    ("acked", "every acknowledged write is in the log after every cycle"),
    ("shown", "every acknowledged write is shown by rec history / kpi show --format json"),
    ("whole", "no write is half-applied: all its fields in one transaction, or none"),
    ("rebuild", "the projections equal a rebuild from the log after every cycle"),
    ("answers", "writers that were not killed got an answer: exit 0, HTTP 2xx, a clean server stop"),
]


class Op:
    """One write: its token, kind, the thing it targets (None when the write
    makes a new one), and what became of it."""

    def __init__(self, tok, kind, target):
        self.tok, self.kind, self.target = tok, kind, target
        self.acked = False
        self.killed = False
        self.new_id = None


class Cycle:
    """What the threads of one cycle share."""

    def __init__(self, n, port):
        self.n, self.port = n, port
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.server_killed = threading.Event()
        self.ops = []
        self.running = {}        # CLI writer -> (process, op) while one runs
        self.unexpected = []


def env(actor):
    e = {k: v for k, v in os.environ.items() if k not in ("SSRTRACK_NOW", "SSRTRACK_MAX_PAGES")}
    e["SSRTRACK_DB"] = DB
    e["SSRTRACK_ACTOR"] = actor
    return e


def st(*args, actor="crash", stdin=None):
    """Run ssrtrack to the end; (exit status, stdout, stderr)."""
    p = subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True, env=env(actor))
    return p.returncode, p.stdout, p.stderr


def must(*args, stdin=None):
    rc, out, err = st(*args, stdin=stdin)
    if rc != 0:
        sys.exit(f"crash.py: setting up: ssrtrack {' '.join(args)}: exit {rc}: {err.strip()}")
    return out


def past_date(rng):
    """A day of the last ten years: writes are back-dated at random, so
    versions are folded in and out of order."""
    return (datetime.date.today() - datetime.timedelta(days=rng.randint(0, 3650))).isoformat()


def guarded(cy, fn, *args):
    """Run a writer; an exception in it is a failure, not a quiet thread's end."""
    try:
        fn(cy, *args)
    except Exception as ex:
        cy.unexpected.append(f"cycle {cy.n}: {fn.__name__} raised {ex!r}")


def cli_writer(cy, w, rng):
    n = 0
    while not cy.stop.is_set():
        n += 1
        tok = f"c{cy.n:03d}-w{w}-{n:03d}"
        kind = rng.choice(["rec set", "milestone add", "milestone set", "kpi record"])
        rec = rng.choice(RECS)
        if kind == "rec set":
            op, args = Op(tok, kind, rec), ["rec", "set", rec, f"owner={tok}", f"topic={tok}",
                                            "--effective", past_date(rng)]
        elif kind == "milestone add":
            op, args = Op(tok, kind, None), ["milestone", "add", rec, "--title", tok, "--due", "2031-01-01"]
        elif kind == "milestone set":
            op, args = Op(tok, kind, MILESTONE), ["milestone", "set", MILESTONE, f"title={tok}", "status=in_progress"]
        else:
            op, args = Op(tok, kind, None), ["kpi", "record", "K1", str(n), "--source", tok, "--at", past_date(rng)]
        p = subprocess.Popen([BIN, *args, "--reason", tok], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env(f"crash-w{w}"))
        with cy.lock:
            cy.ops.append(op)
            cy.running[w] = (p, op)
        out, err = p.communicate()
        with cy.lock:
            del cy.running[w]
        if p.returncode == 0:
            op.acked = True
            if op.target is None:
                op.new_id = out.strip()
        elif not (op.killed and p.returncode == -signal.SIGKILL):
            cy.unexpected.append(f"cycle {cy.n}: ssrtrack {' '.join(args)}: exit {p.returncode}: {err.strip()}")


def api_writer(cy, w, rng, token):
    n = 0
    while not cy.stop.is_set():
        n += 1
        tok = f"c{cy.n:03d}-a{w}-{n:03d}"
        kind = rng.choice(["PATCH rec", "POST milestone", "PATCH milestone"])
        rec = rng.choice(RECS)
        if kind == "PATCH rec":
            op, method, path = Op(tok, kind, rec), "PATCH", f"/api/v1/recs/{rec}"
            body = {"set": {"owner": tok, "topic": tok, "text": tok}, "effective": past_date(rng), "reason": tok}
        elif kind == "POST milestone":
            op, method, path = Op(tok, kind, None), "POST", f"/api/v1/recs/{rec}/milestones"
            body = {"title": tok, "due": "2031-01-01", "reason": tok}
        else:
            op, method, path = Op(tok, kind, MILESTONE), "PATCH", f"/api/v1/milestones/{MILESTONE}"
            body = {"set": {"title": tok, "status": "in_progress"}, "reason": tok}
        with cy.lock:
            cy.ops.append(op)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", cy.port, timeout=120)
            conn.request(method, path, body=json.dumps(body),
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            resp = conn.getresponse()
            status, data = resp.status, resp.read()
            conn.close()
        except (OSError, http.client.HTTPException) as ex:
            status, data = None, repr(ex)
        if status is not None and 200 <= status < 300:
            op.acked = True
            if op.target is None:
                op.new_id = json.loads(data)["id"]
        elif status is None and cy.server_killed.is_set():
            op.killed = True
            return              # the server is gone for this cycle
        else:
            cy.unexpected.append(f"cycle {cy.n}: {method} {path}: {status}: {data!r:.300}")
            if status is None:
                return


def start_server(n):
    log = os.path.join(WORK, f"server-{n}.log")
    with open(log, "w") as f:
        p = subprocess.Popen([BIN, "serve", "--listen", "127.0.0.1:0", "--threads", "2", "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=f, env=env("crash"))
    for _ in range(600):
        with open(log) as f:
            m = re.search(r"on http://127\.0\.0\.1:(\d+)/", f.read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            break
        time.sleep(0.05)
    p.kill()
    p.wait()
    with open(log) as f:
        sys.exit(f"crash.py: cycle {n}: the server did not start: {f.read().strip()}")


def kill_a_writer(cy, rng):
    """SIGKILL one running CLI writer; False when none is running."""
    with cy.lock:
        live = [(p, op) for p, op in cy.running.values() if p.poll() is None]
        if not live:
            return False
        p, op = rng.choice(live)
        op.killed = True
        p.kill()
        return True


def run_cycle(n, rng, token, stats):
    server, port = start_server(n)
    cy = Cycle(n, port)
    threads = [threading.Thread(target=guarded, args=(cy, cli_writer, w, random.Random(rng.random())))
               for w in range(1, CLI_WRITERS + 1)]
    threads += [threading.Thread(target=guarded, args=(cy, api_writer, w, random.Random(rng.random()), token))
                for w in range(1, API_WRITERS + 1)]
    duration = rng.uniform(0.2, 1.2)
    victim = rng.choice(["server", "server", "writer", "both"])
    events = []
    if victim in ("server", "both"):
        events.append((rng.uniform(0.05, duration), "server"))
    if victim in ("writer", "both"):
        events += [(rng.uniform(0.05, duration), "writer") for _ in range(rng.randint(1, 3))]
    events.sort()
    start = time.monotonic()
    for t in threads:
        t.start()
    for at, what in events:
        time.sleep(max(0.0, start + at - time.monotonic()))
        if what == "server":
            cy.server_killed.set()
            server.kill()
            server.wait()
            stats["server kills"] += 1
        else:
            while time.monotonic() < start + duration + 1:
                if kill_a_writer(cy, rng):
                    stats["writer kills"] += 1
                    break
                time.sleep(0.001)
    time.sleep(max(0.0, start + duration - time.monotonic()))
    cy.stop.set()
    for t in threads:
        t.join()
    if not cy.server_killed.is_set():
        alive = server.poll() is None
        if alive:
            server.send_signal(signal.SIGTERM)
        rc = server.wait()
        if rc != 0 or not alive:
            with open(os.path.join(WORK, f"server-{n}.log")) as f:
                how = "on SIGTERM" if alive else "by itself"
                cy.unexpected.append(f"cycle {n}: the server exited {rc} {how}: {f.read()[-300:]}")
    return cy


def log_rows():
    """The change_log rows of the writes: reason -> [(seq, entity, entity_id, field, value, recorded_at)]."""
    db = sqlite3.connect(DB)
    rows = {}
    for r in db.execute("SELECT reason, seq, entity, entity_id, field, value, recorded_at FROM change_log"
                        " WHERE reason LIKE 'c%' ORDER BY seq"):
        rows.setdefault(r[0], []).append(r[1:])
    db.close()
    return rows


def check_whole(op, rows):
    """'' when op's rows are all of it, in one transaction, or none; else why not."""
    if not rows:
        return ""
    entity, fields = EXPECT[op.kind]
    got = sorted(r[3] for r in rows)
    seqs = [r[0] for r in rows]
    if sorted(fields) != got:
        return f"{op.kind} {op.tok}: fields {got} in the log, expected all or none of {sorted(fields)}"
    if {(r[1], r[2]) for r in rows} != {(entity, op.target or rows[0][2])}:
        return f"{op.kind} {op.tok}: rows on {sorted({(r[1], r[2]) for r in rows})}"
    if seqs != list(range(seqs[0], seqs[0] + len(seqs))) or len({r[5] for r in rows}) != 1:
        return f"{op.kind} {op.tok}: rows not in one transaction: seqs {seqs}"
    bad = [r for r in rows if r[3] in TOKEN_FIELDS and r[4] != op.tok]
    if bad:
        return f"{op.kind} {op.tok}: values {bad}"
    return ""


def shown_tokens():
    """(thing, field, value) of every change rec history and kpi show give."""
    seen = set()
    for rec in RECS:
        rc, out, err = st("rec", "history", rec, "--format", "json")
        if rc != 0:
            raise RuntimeError(f"rec history {rec}: exit {rc}: {err.strip()}")
        seen.update((c["entity_id"], c["field"], c["value"]) for c in json.loads(out))
    rc, out, err = st("kpi", "show", "K1", "--format", "json")
    if rc != 0:
        raise RuntimeError(f"kpi show K1: exit {rc}: {err.strip()}")
    seen.update((m["id"], "source", m["source"]) for m in json.loads(out)["measurements"])
    return seen


def table_dump(path):
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type='table'"
                                      " AND name NOT IN ('meta', 'change_log') ORDER BY name")]
    dump = {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in names}
    db.close()
    return dump


def check_rebuild():
    copy = os.path.join(WORK, "rebuilt.db")
    for f in (copy, copy + "-wal", copy + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    p = subprocess.run(["sqlite3", DB, f".backup '{copy}'"], capture_output=True, text=True)
    if p.returncode != 0:
        return f"sqlite3 .backup: {p.stderr.strip()}"
    rc, _, err = st("--db", copy, "rebuild")
    if rc != 0:
        return f"rebuild: exit {rc}: {err.strip()}"
    a, b = table_dump(DB), table_dump(copy)
    diff = [t for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]
    return f"tables differ from a rebuild: {diff}" if diff else ""


def check_cycle(n, ops, unexpected, fails):
    """Run every check after cycle n; add failures to fails[kind]."""
    p = subprocess.run(["sqlite3", DB, "PRAGMA integrity_check"], capture_output=True, text=True)
    if p.returncode != 0 or p.stdout.strip() != "ok":
        fails["integrity"].append(f"cycle {n}: {(p.stdout + p.stderr).strip()[:300]}")
    rc, out, err = st("verify")
    if rc != 0:
        fails["verify"].append(f"cycle {n}: exit {rc}: {(out + err).strip()[:300]}")
    rows = log_rows()
    for op in ops:
        mine = rows.get(op.tok, [])
        if op.acked and not mine:
            fails["acked"].append(f"cycle {n}: {op.kind} {op.tok} was acknowledged and is not in the log")
        elif op.acked and op.new_id and mine[0][2] != op.new_id:
            fails["acked"].append(f"cycle {n}: {op.kind} {op.tok} answered {op.new_id}, the log has {mine[0][2]}")
        why = check_whole(op, mine)
        if why:
            fails["whole"].append(f"cycle {n}: {why}")
    try:
        seen = shown_tokens()
        for op in ops:
            if op.acked:
                thing = op.target or op.new_id
                field = "source" if op.kind == "kpi record" else "title" if "ilestone" in op.kind else "owner"
                if (thing, field, op.tok) not in seen:
                    fails["shown"].append(f"cycle {n}: {op.kind} {op.tok}: no {field}={op.tok} on {thing}")
    except RuntimeError as ex:
        fails["shown"].append(f"cycle {n}: {ex}")
    why = check_rebuild()
    if why:
        fails["rebuild"].append(f"cycle {n}: {why}")
    fails["answers"].extend(unexpected)


def setup():
    must("init")
    must("review", "add", "R1", "--title", "Crash review", "--effective", "2010-01-01")
    for rec in RECS:
        must("rec", "add", rec, "--review", "R1", "--title", f"Recommendation {rec}", "--effective", "2010-01-01")
    must("kpi", "add", "R1-1", "K1", "--name", "Writes kept", "--unit", "n", "--direction", "up",
         "--effective", "2010-01-01")
    must("milestone", "add", "R1-1", "--title", "First", "--effective", "2010-01-01")
    must("user", "add", "crash", "--role", "editor", stdin="crash test password\n")
    return must("token", "create", "crash").strip()


def main():
    global WORK, DB
    WORK = os.environ.get("CRASH_DIR") or tempfile.mkdtemp(prefix="ssrtrack-crash-")
    DB = os.path.join(WORK, "crash.db")
    print(f"{NAME}: {CYCLES} cycles, CRASH_SEED={SEED}", flush=True)
    token = setup()
    rng = random.Random(SEED)
    fails = {k: [] for k, _ in CHECKS}
    stats = {"server kills": 0, "writer kills": 0}
    all_ops = []
    began = time.monotonic()
    done = 0
    for n in range(1, CYCLES + 1):
        cy = run_cycle(n, rng, token, stats)
        all_ops.extend(cy.ops)
        check_cycle(n, all_ops, cy.unexpected, fails)
        done = n
        if any(fails.values()):
            break
        if n % 25 == 0 and n < CYCLES:
            print(f"{NAME}: {n} cycles done, {len(all_ops)} writes", flush=True)
    rows = log_rows()
    acked = sum(op.acked for op in all_ops)
    unacked_kept = sum(1 for op in all_ops if not op.acked and op.tok in rows)
    print(f"{NAME}: {done} cycles in {time.monotonic() - began:.0f} s; {len(all_ops)} writes, {acked} acknowledged, "
          f"{len(all_ops) - acked} not ({unacked_kept} of them kept whole); {stats['server kills']} server kills, "
          f"{stats['writer kills']} writer kills", flush=True)
    for kind, text in CHECKS:
        if fails[kind]:
            print(f"not ok - {NAME}: {text}")
            for line in fails[kind][:10]:
                print(f"#   {line}")
            if len(fails[kind]) > 10:
                print(f"#   ... and {len(fails[kind]) - 10} more")
        else:
            print(f"ok - {NAME}: {text} ({done} cycles)")
    if any(fails.values()):
        print(f"#   replay: CRASH_SEED={SEED} CRASH_CYCLES={CYCLES}; the database is kept in {WORK}")
        return 1
    if not os.environ.get("CRASH_DIR"):
        shutil.rmtree(WORK)
    return 0


if __name__ == "__main__":
    sys.exit(main())
