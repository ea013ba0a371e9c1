#!/usr/bin/env python3
"""A tiny hostile HTTP server for the browser test, on 127.0.0.1 only.

It answers every request with 200 and a reason phrase, field names, field
values and content that carry script payloads, so a report made from a run
against it shows whether anything the server said can execute in the page.

usage: hostile_server.py PORT_FILE [LIFETIME_SECONDS]
Binds 127.0.0.1 on a free port, writes the port to PORT_FILE, and serves
until killed or until LIFETIME_SECONDS (default 300) have passed.
"""
import socket
import sys
import threading
import time

IMG = b'"><img src=x onerror=window.__pwned=2>'
BODY = (b"<script>window.__pwned=3</script>" + IMG +
        b"<svg onload=alert(4)></svg><iframe src=javascript:alert(5)></iframe>\n")
RESPONSE = (b"HTTP/1.1 200 <script>window.__pwned=1</script>\r\n"
            b"X-Payload: " + IMG + b"\r\n"
            b"X-" + IMG + b": value\r\n"
            b"Set-Cookie: pwn=" + IMG + b"\r\n"
            b"Content-Type: text/html\r\n"
            b"Content-Length: " + str(len(BODY)).encode() + b"\r\n"
            b"Connection: close\r\n\r\n" + BODY)


def serve(conn):
    """Reads the request head (bounded in size and time), then answers."""
    conn.settimeout(1.0)
    data = b""
    deadline = time.monotonic() + 2.0
    try:
        while b"\r\n\r\n" not in data and b"\n\n" not in data and len(data) < 65536:
            if time.monotonic() > deadline:
                break
            try:
                chunk = conn.recv(4096)
            except socket.timeout:
                break
            if not chunk:
                break
            data += chunk
        conn.sendall(RESPONSE)
    except OSError:
        pass
    finally:
        conn.close()


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[5], file=sys.stderr)
        return 2
    lifetime = float(argv[2]) if len(argv) > 2 else 300.0
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.5)
    with open(argv[1], "w") as f:
        f.write(str(srv.getsockname()[1]))
    end = time.monotonic() + lifetime
    while time.monotonic() < end:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
