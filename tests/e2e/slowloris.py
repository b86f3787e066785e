#!/usr/bin/env python3
"""slowloris.py: hold N connections to a server open, each sending the head
of a request one header line at a time and never finishing it.

usage: slowloris.py PORT N ADDRS SECONDS READY_FILE

ADDRS is a comma-separated list of local source addresses (127.0.0.x) the
connections are spread over. Once all are open, writes "open K" to
READY_FILE; trickles a header line per second on each for SECONDS; then
prints "held K": how many the server still kept open (not closed or reset).
"""
import socket
import sys
import time

port, n, addrs, seconds, ready = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(","), float(sys.argv[4]), sys.argv[5]
socks = []
for i in range(n):
    s = socket.socket()
    s.bind((addrs[i % len(addrs)], 0))
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        socks.append(s)
    except OSError:
        s.close()
with open(ready, "w") as f:
    f.write(f"open {len(socks)}\n")

end = time.time() + seconds
while time.time() < end:
    for s in list(socks):
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            socks.remove(s)
    time.sleep(1)

held = 0
for s in socks:
    s.setblocking(False)
    try:
        held += 0 if s.recv(1) == b"" else 1
    except BlockingIOError:
        held += 1      # nothing to read, not closed: still held
    except OSError:
        pass
    s.close()
print(f"held {held}")
