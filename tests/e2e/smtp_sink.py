#!/usr/bin/env python3
"""smtp_sink.py DIR: a real SMTP server (aiosmtpd) on 127.0.0.1 for the
notify tests. Prints its port, then keeps every message it accepts as
DIR/N.eml (the bytes received) with DIR/N.rcpt (the envelope). While the
file DIR/refuse exists it answers RCPT with 451, a temporary refusal."""
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, d):
        self.dir = d
        self.n = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if os.path.exists(os.path.join(self.dir, "refuse")):
            return "451 4.3.0 not now, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.dir, str(self.n))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".rcpt", "w") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        return "250 Message accepted"


def main():
    d = sys.argv[1]
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    c = Controller(Sink(d), hostname="127.0.0.1", port=port)
    c.start()
    print(port, flush=True)
    try:
        while True:
            time.sleep(1)
    finally:
        c.stop()


if __name__ == "__main__":
    main()
