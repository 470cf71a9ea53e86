"""The one open Library of the running app (long-lived, so its searcher stays warm)."""
from __future__ import annotations

from flask import current_app


def get_library():
    return current_app.extensions["cuttings.library"]
