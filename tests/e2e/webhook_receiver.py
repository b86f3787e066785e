#!/usr/bin/env python3
"""webhook_receiver.py DIR SECRET_FILE: a webhook receiver on 127.0.0.1 for
the webhook tests. Prints its port. Each POST is checked against the
secret (HMAC-SHA256 of the body, as X-Ssrtrack-Signature says) and appended
to DIR/log.jsonl as {"delivery", "signature_ok", "body"}. While DIR/fail
exists it answers 500; while DIR/hang exists it reads the request, logs it
with "hung": true, and never answers (until the client gives up)."""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR = sys.argv[1]
SECRET = open(sys.argv[2], "rb").read().split(b"\n")[0]
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        want = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        got = self.headers.get("X-Ssrtrack-Signature", "")
        hang = os.path.exists(os.path.join(DIR, "hang"))
        entry = {"delivery": self.headers.get("X-Ssrtrack-Delivery"),
                 "signature_ok": hmac.compare_digest(want, got),
                 "content_type": self.headers.get("Content-Type"),
                 "hung": hang, "body": body.decode("utf-8")}
        with lock:
            with open(os.path.join(DIR, "log.jsonl"), "a") as f:
                f.write(json.dumps(entry) + "\n")
        if hang:
            # Hold the connection open without a byte of answer.
            while os.path.exists(os.path.join(DIR, "hang")):
                time.sleep(0.05)
            return
        fail = os.path.exists(os.path.join(DIR, "fail"))
        self.send_response(500 if fail else 204)
        self.end_headers()


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
srv.daemon_threads = True
print(srv.server_address[1], flush=True)
srv.serve_forever()
