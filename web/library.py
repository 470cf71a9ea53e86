"""The one open Library of the running app (long-lived, so its searcher stays warm), and its parse workers."""
from __future__ import annotations

from flask import current_app


def get_library():
    return current_app.extensions["cuttings.library"]


def get_parse_pool():
    """The app's search.parse_pool.ParsePool: cuttings are read in worker processes with a time limit."""
    return current_app.extensions["cuttings.parse_pool"]
