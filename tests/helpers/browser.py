"""What the browser tests share: Debian's chromium, how it is launched, axe-core."""
from __future__ import annotations

from pathlib import Path

from tests.helpers.paths import REPO

CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-quic", "--disable-sync"]
