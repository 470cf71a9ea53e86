"""Answer only requests for the hosts the library is served as; build absolute links from its public address.

A page on evil.example can make its own name resolve to 127.0.0.1 (DNS
rebinding): the reader's browser then sends that page's requests to the library
with `Host: evil.example`, and to the browser they are same-origin, so neither
Origin nor Sec-Fetch-Site gives them away. Cuttings answers only requests whose
Host names a loopback address, the address `cuttings serve --host` listens on,
or the host of the public address (`--base-url`, CUTTINGS_BASE_URL). Absolute
links (JSON, Atom, permalinks) come from that public address when it is set,
never from a Host header.
"""
from __future__ import annotations

from typing import Iterable
from urllib.parse import urlsplit

from flask import Flask, current_app, request
from werkzeug.exceptions import BadRequest

from search.errors import CuttingsError

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_ALL_INTERFACES = ("", "0.0.0.0", "::")  # a listening address that names no host


class UnknownHost(BadRequest):
    pass


def host_name(host: str) -> str | None:
    """"Example.org:5000" -> "example.org", "[::1]:80" -> "::1"; None when it is not a host."""
    try:
        return urlsplit(f"//{host}").hostname
    except ValueError:
        return None


def public_base(base_url: str | None) -> str | None:
    """The public address without its trailing slash; a CuttingsError naming it when it is not an http(s) URL."""
    if not base_url:
        return None
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise CuttingsError(f"The public address must be an http(s) address such as https://news.example/cuttings, "
                            f"not {base_url!r}.")
    return base_url.strip().rstrip("/")


def allowed_hosts(served_as: Iterable[str], base_url: str | None) -> frozenset[str]:
    names = {*LOOPBACK_NAMES, *(host_name(h) or h for h in served_as if h not in _ALL_INTERFACES)}
    if base_url:
        names.add(urlsplit(base_url).hostname or "")
    return frozenset(n.lower() for n in names if n)


def refuse_unknown_hosts() -> None:
    allowed = current_app.config["ALLOWED_HOSTS"]
    if host_name(request.host) not in allowed:
        raise UnknownHost(
            f"This library is served as {', '.join(sorted(allowed))}, and this request asked for "
            f"{request.host or 'no host'!r}, so Cuttings did not answer it. To reach the library under another "
            "name (or through a proxy), start it with `cuttings serve --base-url https://that-name/`.")


def init_app(app: Flask) -> None:
    app.before_request(refuse_unknown_hosts)
