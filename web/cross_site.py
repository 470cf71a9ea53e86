"""Refuse form posts that another site's page sends (cross-site request forgery).

Cuttings has no login: anyone who can reach it may add cuttings. What it must
stop is a page on some other site making the reader's own browser post to the
library on 127.0.0.1. Browsers say where a request comes from: `Sec-Fetch-Site`
(all current browsers) and `Origin` (on every cross-origin POST). A post is
refused when either names another origin; requests that carry neither header
(curl, scripts, the CLI's own tools) are not from a browser page and pass.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, current_app, request
from werkzeug.exceptions import Forbidden

_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_FOREIGN_FETCH_SITES = {"cross-site", "same-site"}  # same-site: another port or subdomain


class CrossSitePost(Forbidden):
    description = ("This form was sent from another web site, so Cuttings did not act on it. "
                   "To add a cutting, use the Add page of this library.")


def _foreign_origin(origin: str) -> bool:
    if origin == "null":  # a sandboxed frame or a file:// page
        return True
    netloc = urlsplit(origin).netloc.lower()
    base = current_app.config["BASE_URL"]  # behind a proxy, the browser's origin is the public address
    return netloc != request.host.lower() and not (base and netloc == urlsplit(base).netloc.lower())


def refuse_cross_site_posts() -> None:
    if request.method in _SAFE_METHODS:
        return
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    origin = request.headers.get("Origin")
    if fetch_site in _FOREIGN_FETCH_SITES or (origin is not None and _foreign_origin(origin)):
        raise CrossSitePost()


def init_app(app: Flask) -> None:
    app.before_request(refuse_cross_site_posts)
