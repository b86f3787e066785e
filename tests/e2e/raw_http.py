"""raw_http.py PORT — send one raw request read from stdin (bytes, as is) to
127.0.0.1:PORT and print the status line of the answer, then "closed" when
the server closed the connection after it, or "open" when it kept it open.
"no answer" when none came before the server's own idle timeout would end it.
For requests no ordinary client will send (bad framing, smuggling)."""
import socket
import sys

port = int(sys.argv[1])
data = sys.stdin.buffer.read()
s = socket.create_connection(("127.0.0.1", port))
s.settimeout(15)  # well under the server's 30 s idle timeout: a hang shows as "no answer"
s.sendall(data)
got = b""
try:
    while b"\r\n\r\n" not in got:
        d = s.recv(65536)
        if not d:
            break
        got += d
except socket.timeout:
    pass
if not got:
    print("no answer")
    sys.exit(0)
print(got.split(b"\r\n", 1)[0].decode("latin-1"))
# After the answer's body, does the server close? Read until EOF or a short wait.
s.settimeout(2)
state = "open"
try:
    while True:
        d = s.recv(65536)
        if not d:
            state = "closed"
            break
except ConnectionResetError:
    state = "closed"
except socket.timeout:
    pass
print(state)
