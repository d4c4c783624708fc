"""A real HTTP server on loopback that answers the way broken or guarded stores do.

Each path is one behaviour: JSON of the wrong shape, an empty store, a store behind HTTP
Basic or Digest auth (Digest checked as RFC 7616 says, MD5 with qop=auth, as Virtuoso's
``/sparql-graph-crud-auth`` does), redirects on and off the origin, a hang, and error bodies
full of terminal escapes or HTML. It records what it received, for the tests to check.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER, PASSWORD, REALM = "curator", "s3cret-Pa55", "jakkg-test"
EMPTY = {"head": {"vars": ["s"]}, "results": {"bindings": []}}
ESCAPES = b"\x1b]0;owned\x07\x1b[2J\x1b[1;31mstore is read-only\x1b[0m\x1b]8;;http://x\x1b\\"
HTML = (
    b"<!DOCTYPE html><html><head><title>Error</title><style>p{color:red}</style></head>"
    b"<body><h1>500 Internal Server Error</h1><p>The store is &lt;down&gt;.</p>"
    b"<script>alert(1)</script>" + b"<p>padding</p>" * 200 + b"</body></html>"
)


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()


class Handler(BaseHTTPRequestHandler):
    """Answers by path; every request body is read and recorded on the server."""

    server: BadStores

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read ``received`` instead."""

    def do_GET(self) -> None:
        self.handle_any()

    def do_POST(self) -> None:
        self.handle_any()

    def do_PUT(self) -> None:
        self.handle_any()

    def handle_any(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path.split("?")[0]
        self.server.received.append((self.command, self.path, len(body)))
        if path == "/wrong-shape":
            self.reply(200, json.dumps({"results": {"bindings": [{"s": 5}]}}).encode())
        elif path == "/not-a-list":
            self.reply(200, json.dumps({"results": 7}).encode())
        elif path == "/empty":
            self.reply(200, json.dumps(EMPTY).encode(), "application/sparql-results+json")
        elif path == "/basic/store":
            self.basic()
        elif path == "/digest/store":
            self.digest()
        elif path == "/moved":
            self.redirect(self.path.replace("/moved", "/basic/store", 1))
        elif path == "/moved-away":
            self.redirect(f"http://localhost:{self.server.server_port}/basic/store")
        elif path == "/hang":
            time.sleep(5)
            self.reply(204, b"")
        elif path == "/escapes":
            self.reply(500, ESCAPES)
        elif path == "/html":
            self.reply(500, HTML, "text/html; charset=utf-8")
        else:
            self.reply(404, b"no such path")

    def reply(self, status: int, body: bytes, media: str = "application/json", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.reply(302, b"", "text/plain", Location=location)

    def basic(self) -> None:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") == expected:
            self.server.authorised.append("basic")
            self.reply(204, b"")
        else:
            self.reply(
                401, b"who are you?", "text/plain", WWW_Authenticate=f'Basic realm="{REALM}"'
            )

    def digest(self) -> None:
        header = self.headers.get("Authorization", "")
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', header))
        if header.startswith("Digest ") and fields.get("nonce") in self.server.nonces:
            ha1 = _md5(f"{fields.get('username')}:{REALM}:{PASSWORD}")
            ha2 = _md5(f"{self.command}:{fields.get('uri')}")
            parts = [fields.get(k, "") for k in ("nonce", "nc", "cnonce", "qop")]
            expected = _md5(":".join([ha1, *parts, ha2]))
            if fields.get("username") == USER and fields.get("response") == expected:
                self.server.authorised.append("digest")
                self.reply(204, b"")
                return
        nonce = secrets.token_hex(16)
        self.server.nonces.add(nonce)
        challenge = f'Digest realm="{REALM}", nonce="{nonce}", qop="auth", algorithm=MD5'
        self.reply(401, b"", "text/plain", WWW_Authenticate=challenge)


class BadStores(ThreadingHTTPServer):
    """The server, with what it received and which auth schemes it accepted."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[tuple[str, str, int]] = []
        self.authorised: list[str] = []
        self.nonces: set[str] = set()
        self.base = f"http://127.0.0.1:{self.server_port}"


_running: BadStores | None = None


def bad_stores() -> BadStores:
    """The one server of this test process, started on first use (it stops with the process)."""
    global _running
    if _running is None:
        _running = BadStores()
        threading.Thread(target=_running.serve_forever, daemon=True).start()
    return _running
