# End-to-end: contacts, watches and email digests through a real SMTP server
# (Debian's python3-aiosmtpd on 127.0.0.1): digests arrive and parse as RFC
# 5322, are not sent twice, a refusing server is retried next run, a hostile
# name is escaped in the HTML part, and bad input writes nothing.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

seed_small
export SSRTRACK_NOW=2026-03-01T09:00:00Z
hostile='Ops <script>alert(1)</script> & "Co"'
"$BIN" rec set SSR1-1 "owner=$hostile" due=2026-03-10 --effective 2026-01-01 >/dev/null
ms=$("$BIN" milestone add SSR1-1 --title 'Ship <b>it</b> & tell' --due 2026-02-01 --effective 2026-01-01)
"$BIN" milestone add SSR1-1 --title 'Far away' --due 2026-09-01 --effective 2026-01-01 >/dev/null
"$BIN" rec set SSR1-6 owner=Legal due=2026-02-15 --effective 2026-01-01 >/dev/null
"$BIN" rec set SSR1-6A owner=Secret due=2026-02-15 restricted=true --effective 2026-01-01 >/dev/null

ok "contact set" contact set "$hostile" --email ops@example.org
eq "contact set says so" "$OUT" "contact of $hostile: ops@example.org"
ok "contact set replaces the address" contact set Legal --email old@example.org
ok "contact set again" contact set Legal --email legal@example.org
ok "contact for a restricted rec's owner" contact set Secret --email secret@example.org
ok "user add --email" user add ana --role editor --email ana@example.org <<<"a-long-password"
ok "watch a rec" watch ana SSR1-6
eq "watch says so" "$OUT" "ana watches rec SSR1-6"
ok "watch again is harmless" watch ana SSR1-6
eq "already" "$OUT" "ana already watches rec SSR1-6"
ok "watch a review" watch ana SSR1
ok "unwatch the review" unwatch ana SSR1
eq "unwatch says so" "$OUT" "ana no longer watches review SSR1"
eq "watches kept" "$(sqlite3 "$SSRTRACK_DB" "SELECT user, kind, id FROM watches")" "ana|rec|SSR1-6"
"$BIN" rec set SSR1-6 status=in_progress --reason 'work began' >/dev/null

# Bad input: one line, exit 1, nothing written.
before=$(sqlite3 "$SSRTRACK_DB" "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM user_emails), (SELECT count(*) FROM watches), (SELECT count(*) FROM users)")
must_fail "bad email" 1 contact set Legal --email 'not an address'
hasf "names the option" "$ERR" "--email"
must_fail "header injection in an email" 1 contact set Legal --email $'a@example.org\r\nBcc: x@example.org'
must_fail "contact set needs --email" 1 contact set Legal
must_fail "user add with a bad email" 1 user add bob --role viewer --email bob@ <<<"a-long-password"
must_fail "watch by an unknown user" 1 watch nobody SSR1-6
hasf "names the user" "$ERR" "no such user: nobody"
must_fail "watch an unknown thing" 1 watch ana SSR9-9
hasf "names the thing" "$ERR" "SSR9-9"
must_fail "unknown setting" 1 config set colour blue
must_fail "base url not http" 1 config set base-url ftp://example.org
must_fail "base url with credentials" 1 config set base-url https://u:p@example.org
must_fail "notify without a base url" 1 notify --dry-run
must_fail "notify with a bad --as-of" 1 notify --dry-run --base-url https://t.example --as-of 2026-02-30
must_fail "notify without --smtp" 1 notify --from a@example.org --base-url https://t.example
must_fail "credentials in the SMTP URL" 1 notify --smtp smtp://u:secret@127.0.0.1:25 --from a@example.org --base-url https://t.example
hasnt "the secret is not echoed" "$ERR" "secret"
must_fail "not an SMTP URL" 1 notify --smtp http://127.0.0.1 --from a@example.org --base-url https://t.example
must_fail "bad --from" 1 notify --smtp smtp://127.0.0.1:25 --from me --base-url https://t.example
eq "bad input wrote nothing" "$(sqlite3 "$SSRTRACK_DB" "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM user_emails), (SELECT count(*) FROM watches), (SELECT count(*) FROM users)")" "$before"
eq "no attempt recorded" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM notify_attempts")" "0"

ok "config set base-url" config set base-url https://tracker.example.org/
eq "kept without its slash" "$("$BIN" config get base-url)" "https://tracker.example.org"

# --dry-run: an mbox of RFC 5322 messages, nothing recorded.
ok "notify --dry-run" notify --dry-run
printf '%s\n' "$OUT" >dry.mbox
eq "dry run records nothing" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM notify_items")" "0"
"$PY" - dry.mbox "$ms" >dry.txt <<'PY' || fail "dry run parses" "$(cat dry.txt)"
import mailbox, sys
from email import policy
from email.parser import BytesParser
msgs = {}
for m in mailbox.mbox(sys.argv[1]):
    m = BytesParser(policy=policy.strict).parsebytes(m.as_bytes())
    assert m.get_content_type() == "multipart/alternative", m.get_content_type()
    assert m["Date"].datetime is not None and m["Message-ID"]
    text = m.get_body(("plain",)).get_content()
    html = m.get_body(("html",)).get_content()
    msgs[str(m["To"])] = (str(m["Subject"]), text, html)
ops = msgs["ops@example.org"]
assert "<script>" not in ops[2] and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in ops[2], ops[2]
assert "&lt;b&gt;it&lt;/b&gt; &amp; tell" in ops[2]
assert 'Ops <script>alert(1)</script> & "Co"' in ops[1], "the plain text keeps the name as written"
assert "Overdue\n- Milestone " + sys.argv[2] in ops[1].replace("\r", ""), ops[1]
assert "https://tracker.example.org/recs/SSR1-1" in ops[1]
assert "Far away" not in ops[1], "beyond 14 days"
assert ops[0] == "ssrtrack: 1 overdue, 1 due soon, 0 to sign, 0 new", ops[0]
assert "secret@example.org" not in msgs, "a restricted rec is never mailed"
ana = msgs["ana@example.org"]
assert "Rec SSR1-6" in ana[1] and "status: in_progress" in ana[1], ana[1]
assert "SSR1-1" not in ana[1]
legal = msgs["legal@example.org"]
assert "Rec SSR1-6: SSAC and RSSAC roles, due 2026-02-15" in legal[1], legal[1]
print(len(msgs))
PY
eq "dry run: three digests, each parsed" "$(tail -1 dry.txt)" "3"

# A real SMTP server.
mkdir mail
"$PY" "$ROOT/tests/e2e/smtp_sink.py" "$T/mail" >port 2>sink.log &
SINK=$!
trap 'kill $SINK 2>/dev/null; stop_server; rm -rf "$T"' EXIT
for i in $(seq 1 100); do [ -s port ] && break; sleep 0.05; done
SMTP="smtp://127.0.0.1:$(cat port)"
touch mail/refuse
st notify --smtp "$SMTP" --from tracker@example.org
eq "a refusing server: exit 2" "$RC" "2"
hasf "reported on stdout" "$OUT" "failed: Legal <legal@example.org>"
hasf "one line on stderr" "$ERR" "3 of 3 digests could not be sent"
eq "failures recorded" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM notify_attempts WHERE outcome = 'failed' AND error LIKE '%451%'")" "3"
eq "nothing counted as sent" "$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM notify_items")" "0"
rm mail/refuse
ok "retried next run" notify --smtp "$SMTP" --from tracker@example.org
hasf "summary" "$OUT" "notify: 3 digests (5 items) for 4 recipients, 0 failed"
eq "three messages arrived" "$(ls mail/*.eml | wc -l)" "3"
"$PY" - mail >got.txt <<'PY' || fail "arrived messages parse" "$(cat got.txt)"
import glob, sys
from email import policy
from email.parser import BytesParser
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = BytesParser(policy=policy.strict).parse(open(f, "rb"))
    env = open(f[:-4] + ".rcpt").read().split()
    assert env[0] == "tracker@example.org" and env[1:] == [m["To"].addresses[0].addr_spec], env
    assert m["From"].addresses[0].addr_spec == "tracker@example.org"
    m.get_body(("plain",)).get_content(); m.get_body(("html",)).get_content()
    print(env[1])
PY
eq "to each recipient" "$(sort got.txt | tr '\n' ' ')" "ana@example.org legal@example.org ops@example.org "
ok "a second run" notify --smtp "$SMTP" --from tracker@example.org
hasf "sends nothing new" "$OUT" "notify: 0 digests (0 items)"
eq "still three messages" "$(ls mail/*.eml | wc -l)" "3"
# A day later the due rec is overdue: news again, once.
SSRTRACK_NOW=2026-03-11T09:00:00Z st notify --smtp "$SMTP" --from tracker@example.org
hasf "overdue is news" "$OUT" "sent: $hostile <ops@example.org>: 1 items"
"$BIN" rec set SSR1-6 status=complete --reason done >/dev/null
SSRTRACK_NOW=2026-03-11T09:00:00Z st notify --smtp "$SMTP" --from tracker@example.org
hasf "a watched change is news" "$OUT" "sent: ana <ana@example.org>: 1 items"
hasnt "a complete rec is no longer due" "$OUT" "legal"
# Credentials: a password is never sent without TLS, and never printed.
SSRTRACK_SMTP_USER=u SSRTRACK_SMTP_PASSWORD=hunter2-secret st notify --smtp "$SMTP" --from tracker@example.org --as-of 2026-12-01
eq "no TLS, no password sent: the send fails" "$RC" "2"
hasnt "the password appears nowhere" "$OUT$ERR$(sqlite3 "$SSRTRACK_DB" "SELECT error FROM notify_attempts")" "hunter2"
echo hunter2-secret >pw
chmod 600 pw
SSRTRACK_SMTP_USER=u SSRTRACK_SMTP_PASSWORD_FILE=$T/pw st notify --smtp "$SMTP" --from tracker@example.org --as-of 2026-12-01
eq "a password from a file, same rule" "$RC" "2"
kill $SINK

# KPI measurements due by their frequency, and sign-offs awaited by a watcher.
"$BIN" kpi add SSR1-6 K1 --name "Signed zones" --unit % --direction up --frequency quarterly --effective 2026-01-01 >/dev/null
"$BIN" kpi record K1 50 --at 2026-01-01 >/dev/null
"$BIN" review add SSR2 --title "Second review" >/dev/null
"$BIN" assess new SSR2-A --by SSR2 --of SSR1 --as-of 2026-01-01 >/dev/null
"$BIN" assess set SSR2-A SSR1-1 implemented=partial >/dev/null
ok "watch an assessment" watch ana SSR2-A
digest_text() {  # digest_text ADDR: the plain text of the dry run's message to ADDR
    printf '%s\n' "$OUT" >kd.mbox
    "$PY" - kd.mbox "$1" <<'PY'
import mailbox, sys
for m in mailbox.mbox(sys.argv[1]):
    if m["To"] == "<%s>" % sys.argv[2]:
        for p in m.walk():
            if p.get_content_type() == "text/plain":
                print(p.get_payload(decode=True).decode().replace("\r", ""))
PY
}
st notify --dry-run --as-of 2026-03-25
hasf "a KPI's measurement is due" "$(digest_text legal@example.org)" "- Measurement of KPI K1: Signed zones, due 2026-04-01"
hasf "a sign-off is awaited" "$(digest_text ana@example.org)" "Awaiting your sign-off
- Assessment item SSR2-A/SSR1-1"
ok "ana signs off" assess signoff SSR2-A SSR1-1 --by ana
st notify --dry-run --as-of 2026-03-25
hasnt "no longer awaited" "$(digest_text ana@example.org)" "SSR2-A/SSR1-1"

# user set --email changes a user's address in the same transaction as its log entry.
st user set "$(sqlite3 "$SSRTRACK_DB" 'SELECT user FROM user_emails LIMIT 1')" --email changed@example.org
eq "user set --email changes the address" "$RC/$(sqlite3 "$SSRTRACK_DB" "SELECT count(*) FROM user_emails WHERE email = 'changed@example.org'")" "0/1"
must_fail "user set --email refuses a bad address" 1 user set "$(sqlite3 "$SSRTRACK_DB" 'SELECT user FROM user_emails LIMIT 1')" --email "not an address"
must_fail "user set needs --role or --email" 1 user set nobody
