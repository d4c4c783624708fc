"""HTTP to SPARQL endpoints and graph stores: credentials, same-origin redirects, clean errors.

Credentials come from the URL (``http://user:secret@host/store``), else from the environment
(``JAKKG_USER`` and ``JAKKG_PASSWORD``), else from ``~/.netrc`` (or the file ``NETRC`` names).
They are answered to whichever challenge the server sends, HTTP Basic or Digest (Virtuoso's
``/sparql-graph-crud-auth`` uses Digest), by the standard library's auth handlers; no URL or
message shows them. A redirect is followed with the same method and body when it stays on the
same origin (scheme, host and port); one to another origin is refused rather than sending the
data and credentials elsewhere. A server that answers, and closes, before reading the whole body
(Virtuoso refusing a large PUT) is reported with its HTTP answer, not as "Broken pipe".
"""

from __future__ import annotations

import contextlib
import html
import http.client
import netrc
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from kg.errors import JakkgError

USER_VARIABLE, PASSWORD_VARIABLE = "JAKKG_USER", "JAKKG_PASSWORD"
ERROR_EXCERPT = 300  # characters of a server's error body shown to the user

# Terminal escape sequences: CSI (colours, cursor moves), OSC (titles, hyperlinks), and the
# two-character ones; then any control character left but newline and tab.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -/]*[0-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


class EndpointError(JakkgError):
    """The endpoint could not be reached or refused the request (``status``: its HTTP code)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: body, media type, status and headers."""

    body: bytes
    media: str
    status: int
    headers: Message


def check_endpoint(url: str) -> str:
    """``url`` if it is an http(s) URL with a host (and a valid port), else a clear error."""
    if not url.startswith(("http://", "https://")):
        raise EndpointError(f"endpoint must be an http(s) URL, got {redact(url)!r}")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError as exc:
        raise EndpointError(f"endpoint {redact(url)!r} is not a valid URL: {exc}") from None
    if not parts.hostname:
        raise EndpointError(f"endpoint {redact(url)!r} has no host")
    return url


def redact(url: str) -> str:
    """``url`` without its user and password, so it can be shown.

    >>> redact("http://user:secret@localhost:8890/store?default")
    'http://localhost:8890/store?default'
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url.rpartition("@")[2]
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def credentials(url: str) -> tuple[str, str] | None:
    """User and password for ``url``: from the URL, the environment, or netrc; None if none."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None:
        return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    user = os.environ.get(USER_VARIABLE)
    if user:
        return user, os.environ.get(PASSWORD_VARIABLE, "")
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(parts.hostname or "")
    except (netrc.NetrcParseError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path}:{line}" if line else str(path)
        raise EndpointError(f"{where}: cannot read this netrc file") from None
    if found is None:
        return None
    login, _, password = found
    return login, password or ""


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port of ``url`` (the default port filled in)."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow 301/302/307/308 with the same method and body, on the same origin only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if code not in (301, 302, 307, 308):
            return super().redirect_request(req, fp, code, msg, headers, newurl)
        if origin(newurl) != origin(req.full_url):
            raise EndpointError(
                f"{redact(req.full_url)} redirects to another server ({redact(newurl)}); not "
                "followed, so your data and credentials stay here: use that URL if you trust it"
            )
        return urllib.request.Request(
            newurl, data=req.data, headers=dict(req.header_items()), method=req.get_method()
        )


class _AnswerFirst:
    """A connection that keeps the server's answer when the server replies, and closes, before
    reading the whole body: getresponse() then reads that answer (or fails if there is none)."""

    def send(self, data) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            super().send(data)  # type: ignore[misc]


class _HTTPConnection(_AnswerFirst, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_AnswerFirst, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


def opener(url: str) -> urllib.request.OpenerDirector:
    """An opener that answers Basic or Digest challenges with the credentials for ``url``."""
    handlers: list[urllib.request.BaseHandler] = [
        SameOriginRedirects(),
        _HTTPHandler(),
        _HTTPSHandler(),
    ]
    found = credentials(url)
    if found is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        scheme, host, port = origin(url)
        passwords.add_password(None, f"{scheme}://{host}:{port}/", *found)
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def send(request: urllib.request.Request, timeout: float) -> Reply:
    """Send ``request`` and return the answer; failures become EndpointError.

    The URL may carry credentials: they are taken out of it before anything is sent or shown.
    """
    with_credentials = request.full_url
    check_endpoint(with_credentials)
    shown = request.full_url = redact(with_credentials)
    try:
        with opener(with_credentials).open(request, timeout=timeout) as response:
            media = response.headers.get("Content-Type", "")
            return Reply(response.read(), media, response.status, response.headers)
    except urllib.error.HTTPError as exc:
        body = readable(exc.read(), exc.headers.get("Content-Type", ""))
        hint = " (check the user and password)" if exc.code == 401 else ""
        raise EndpointError(
            f"{shown} answered {exc.code} {exc.reason}{hint}: {body}", exc.code
        ) from None
    except TimeoutError:
        raise EndpointError(f"{shown} gave no answer within {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"cannot reach {shown}: {reason}") from None
    except ValueError as exc:  # an auth challenge the standard library cannot answer
        raise EndpointError(f"{shown}: {exc}") from None


def readable(body: bytes, media_type: str = "") -> str:
    """A server's error body as one short line of plain text: no terminal escapes, no markup.

    >>> readable(b"<html><head><title>x</title></head><body><h1>Not  found</h1></body></html>")
    'Not found'
    >>> readable(b"\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mdenied\\x1b[0m")
    'denied'
    """
    text = body.decode("utf-8", "replace")
    if "html" in media_type.lower() or text.lstrip()[:1] == "<":
        text = html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", text)))
    text = " ".join(_ESCAPES.sub("", text).split())
    if not text:
        return "(empty body)"
    return text if len(text) <= ERROR_EXCERPT else text[:ERROR_EXCERPT] + "…"
