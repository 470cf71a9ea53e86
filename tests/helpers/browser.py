"""What the browser tests share: Debian's chromium, how it is launched, axe-core, a live app."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.helpers.paths import REPO

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-quic", "--disable-sync"]


# Every browser test module's pytestmark: skipped cleanly where Debian's chromium is missing.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
needs_axe = pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run `npm install` at the repo root")


def serious_violations(page) -> list:
    """axe-core's serious and critical findings on the page as it is now (rule, impact, help, a few targets)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@contextmanager
def serving(home: Path) -> Iterator[str]:
    """The web app on the library at `home`, served from a thread on a free port: its base URL."""
    from werkzeug.serving import make_server

    from web import create_app

    server = make_server("127.0.0.1", 0, create_app({"TESTING": False}, home=home), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
