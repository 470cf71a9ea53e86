"""Who may change the library: on this machine, anyone who can reach it; served to others, the password.

`cuttings serve` on 127.0.0.1 (the default) keeps the app to this machine. Served on any
other address, or behind a proxy whose public address (--base-url) is not this machine,
every write (add, correct, delete, tag, star, save) asks for the password set with
`cuttings set-password` (HTTP Basic: any user name, that password), and `--private`
asks for it before reading too. Without a password set, such an app refuses writes.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, render_template, request

from search.access import PasswordFile

_READS = {"GET", "HEAD", "OPTIONS"}
REALM = "Cuttings"


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def shared_beyond_this_machine(app: Flask) -> bool:
    """Served on a non-loopback address, or published under a public base URL."""
    served_on = app.config.get("SERVED_ON")
    base = app.config.get("BASE_URL")
    return bool((served_on and not is_loopback(served_on)) or (base and not is_loopback(urlsplit(base).hostname)))


def password_needed(app: Flask) -> bool:
    return bool(app.config.get("PRIVATE")) or shared_beyond_this_machine(app)


def check_access() -> Response | None:
    app = current_app
    if request.method in _READS and not app.config.get("PRIVATE"):
        return None
    if not password_needed(app) or request.endpoint == "static":
        return None
    passwords = PasswordFile(app.extensions["cuttings.library"].home)
    if not passwords.is_set():
        message = ("This library asks for a password (it is shared beyond this machine, or private) and has none "
                   "yet, so it cannot be changed from the web. Set one with `cuttings set-password`.")
        return Response(render_template("error.html", status=403, title="No password set", message=message),
                        status=403, mimetype="text/html")
    auth = request.authorization
    if auth is not None and passwords.check(auth.password or ""):
        return None
    message = "Changing this library (and, if it is private, reading it) needs its password."
    response = Response(render_template("error.html", status=401, title="Password needed", message=message),
                        status=401, mimetype="text/html")
    response.headers["WWW-Authenticate"] = f'Basic realm="{REALM}", charset="UTF-8"'
    return response


def init_app(app: Flask) -> None:
    app.before_request(check_access)
